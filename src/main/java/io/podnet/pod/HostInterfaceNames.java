package io.podnet.pod;

import io.podnet.api.Names;
import inet.ipaddr.IPAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the host ends of pods' veth pairs: "veth" plus 8 hex digits, 12 characters, inside
 * Linux's 15-character limit (IFNAMSIZ - 1), like the names the CNI bridge plugin picks. Derived
 * from the pod's identity and IP so a re-created pod gets a fresh name; a clash on the node (the
 * constraint uk_pod_host_interface) is resolved by rehashing with the next attempt number.
 */
final class HostInterfaceNames {

	static final int LINUX_MAX_LENGTH = 15;

	private HostInterfaceNames() {
	}

	/** How many candidate names a pod create tries before giving up (each clash is a 1-in-2^32 event). */
	static final int ATTEMPTS = 8;

	/** What a pod's names are derived from: its identity and its IP. */
	static String seed(String cluster, String namespace, String pod, IPAddress ip) {
		return cluster + "/" + namespace + "/" + pod + "/" + ip;
	}

	/** The name to try on that attempt (0 first): the node's unique constraint says whether it is free. */
	static String candidate(String seed, int attempt) {
		return "veth" + HexFormat.of().formatHex(sha256(seed + "#" + attempt), 0, 4);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}

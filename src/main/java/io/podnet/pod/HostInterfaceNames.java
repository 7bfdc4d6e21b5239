package io.podnet.pod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Names of the host ends of pods' veth pairs: "veth" plus 8 hex digits, 12 characters, inside
 * Linux's 15-character limit (IFNAMSIZ - 1), like the names the CNI bridge plugin picks. Derived
 * from the pod's identity and IP so a re-created pod gets a fresh name; a clash on the node is
 * resolved by rehashing.
 */
final class HostInterfaceNames {

	static final int LINUX_MAX_LENGTH = 15;

	private HostInterfaceNames() {
	}

	static String pick(String seed, Predicate<String> takenOnNode) {
		for (int attempt = 0;; attempt++) {
			String name = "veth" + HexFormat.of().formatHex(sha256(seed + "#" + attempt), 0, 4);
			if (!takenOnNode.test(name)) {
				return name;
			}
		}
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}

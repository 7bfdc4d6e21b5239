package io.podnet.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets: 256 random bits, shown once, stored only as their SHA-256. A plain hash is enough
 * (no salt, no stretching) because the secret is random, not a password a person chose: there is
 * nothing to guess from a dictionary, and the hash can then be looked up by an index.
 */
final class Secrets {

	/** Marks a podnet secret in logs and secret scanners, as ghp_ does for GitHub's. */
	static final String PREFIX = "podnet_";

	/** A secret given by the operator (PODNET_ADMIN_TOKEN) must be at least this long. */
	static final int MIN_LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The stored form: SHA-256, hex. */
	static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	/** Equal hashes, compared in a time that does not depend on where they differ. */
	static boolean same(String hash, String otherHash) {
		return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), otherHash.getBytes(StandardCharsets.US_ASCII));
	}
}

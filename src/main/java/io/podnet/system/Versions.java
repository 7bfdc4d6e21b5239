package io.podnet.system;

import java.util.Arrays;

/**
 * Optimistic concurrency for clients, as Kubernetes does with resourceVersion: every resource
 * carries a version, served as {@code resourceVersion} and as a strong ETag ({@code "7"}); a delete
 * with If-Match goes ahead only if the resource is still at one of the named versions (or at any,
 * for {@code *}), checked under the resource's row lock.
 */
public final class Versions {

	private Versions() {
	}

	public static String etag(long version) {
		return "\"" + version + "\"";
	}

	/** Refuses with 412 when If-Match is given and names none of the resource's current version. */
	public static void checkIfMatch(String ifMatch, long version, String resource) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return;
		}
		String current = etag(version);
		boolean matches = Arrays.stream(ifMatch.split(","))
				.map(String::strip)
				.anyMatch(tag -> tag.equals("*") || tag.equals(current));
		if (!matches) {
			throw new PreconditionFailed(resource, ifMatch.strip(), current);
		}
	}
}

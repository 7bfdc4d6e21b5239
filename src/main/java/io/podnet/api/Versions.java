package io.podnet.api;

import io.podnet.problem.PreconditionFailed;
import java.net.URI;
import java.util.Arrays;
import org.springframework.http.ResponseEntity;

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

	/** A create's answer: 201 with the new resource's location, its ETag and the resource. */
	public static <T> ResponseEntity<T> created(String location, T body, String resourceVersion) {
		return ResponseEntity.created(URI.create(location)).eTag(etag(Long.parseLong(resourceVersion))).body(body);
	}

	/**
	 * A GET answer: the resource with its ETag, or 412 when If-Match names none of its current
	 * version (RFC 9110 applies If-Match to every method).
	 */
	public static <T> ResponseEntity<T> answer(T body, String resourceVersion, String ifMatch, String resource) {
		long version = Long.parseLong(resourceVersion);
		checkIfMatch(ifMatch, version, resource);
		return ResponseEntity.ok().eTag(etag(version)).body(body);
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

package io.podnet.api;

import io.podnet.problem.PreconditionFailed;
import java.net.URI;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Optimistic concurrency for clients, as Kubernetes does with resourceVersion: every resource
 * carries a version, served as {@code resourceVersion} and as a strong ETag ({@code "7"}); a delete
 * with If-Match goes ahead only if the resource is still at one of the named versions (or at any,
 * for {@code *}), checked under the resource's row lock; a GET with If-None-Match naming the current
 * version answers 304, so a client that polls re-reads a resource only when it changed.
 */
public final class Versions {

	public static final String IF_MATCH = "If-Match";
	public static final String IF_NONE_MATCH = "If-None-Match";

	/** One entity-tag of a list (RFC 9110 8.8.3): its opaque part, with the weakness prefix apart. */
	private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?(\"[^\"]*\")");

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
	 * A GET answer: the resource with its ETag; or 412 when If-Match names none of its current
	 * version (RFC 9110 applies If-Match to every method); or else 304 with the ETag and no body when
	 * the request's If-None-Match names it or is {@code *}. The preconditions are evaluated in RFC 9110's
	 * order (13.2.2), If-Match first. If-None-Match is read from the request here, not passed by each
	 * controller: Spring MVC would answer it too, but it lets {@code *} match only on unsafe methods,
	 * where RFC 9110 (13.1.2) has {@code If-None-Match: *} match any current representation.
	 */
	public static <T> ResponseEntity<T> answer(T body, String resourceVersion, String ifMatch, String resource) {
		long version = Long.parseLong(resourceVersion);
		checkIfMatch(ifMatch, version, resource);
		if (notModified(currentRequestHeader(IF_NONE_MATCH), etag(version))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(version)).build();
		}
		return ResponseEntity.ok().eTag(etag(version)).body(body);
	}

	/**
	 * Whether If-None-Match names the current ETag, compared weakly as RFC 9110 (8.8.3.2) requires
	 * for it: {@code W/"3"} matches {@code "3"}; or is {@code *}, which any existing resource matches.
	 */
	static boolean notModified(String ifNoneMatch, String current) {
		if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
			return false;
		}
		if (ifNoneMatch.strip().equals("*")) {
			return true;
		}
		Matcher tags = ENTITY_TAG.matcher(ifNoneMatch);
		while (tags.find()) {
			if (tags.group(1).equals(current)) {
				return true;
			}
		}
		return false;
	}

	private static String currentRequestHeader(String name) {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				? request.getRequest().getHeader(name) : null;
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

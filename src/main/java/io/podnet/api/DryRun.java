package io.podnet.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Kubernetes' {@code dryRun} query parameter: a write with {@code ?dryRun=All} is validated and
 * carried out in full (allocations included) and answered as it would be, but nothing is stored.
 * Like Kubernetes, only {@code All} is accepted, on every write; reads ignore the parameter. The
 * answer does not say it was a dry run (Kubernetes' does not either): the client asked for one.
 */
public final class DryRun {

	public static final String PARAMETER = "dryRun";
	public static final String ALL = "All";

	/** The methods that change something; the rest never store anything, so they ignore dryRun. */
	static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private DryRun() {
	}

	/**
	 * Whether the request is a write that asks for a dry run, refused (400) when dryRun has a value
	 * other than All. Read from the query string only: a form body must not turn a write into a dry run.
	 */
	public static boolean requested(HttpServletRequest request) {
		String value = WRITES.contains(request.getMethod()) ? value(request.getQueryString()) : null;
		if (value == null) {
			return false;
		}
		if (!ALL.equals(value)) {
			throw new UnsupportedDryRun(value);
		}
		return true;
	}

	/** Whether the request is a write with dryRun=All, without refusing anything: for the audit log. */
	public static boolean asked(HttpServletRequest request) {
		return WRITES.contains(request.getMethod()) && ALL.equals(value(request.getQueryString()));
	}

	/**
	 * The value of dryRun in the query string, or null; the request guard has already refused
	 * broken percent-encoding and a parameter given twice.
	 */
	private static String value(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			try {
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				if (name.equals(PARAMETER)) {
					return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				}
			} catch (IllegalArgumentException e) {
				// broken encoding never gets past the request guard; not dryRun either way
			}
		}
		return null;
	}
}

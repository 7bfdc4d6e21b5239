package io.podnet.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request podnet refuses, named as a fact ({@code InvalidValue}, {@code ResourceNotFound}, ...).
 * Plain Java so the domain and the algorithms can throw it; the web layer (io.podnet.web.ApiErrors) turns it into one
 * RFC 9457 problem+json answer. The {@code detail} must tell the user what was wrong and what
 * would be valid.
 */
public abstract class Problem extends RuntimeException {

	/** Problem types are URNs: urn:podnet:problem:not-found, ...:forbidden. */
	public static final String TYPE_PREFIX = "urn:podnet:problem:";

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected Problem(String detail) {
		super(detail);
	}

	/** HTTP status, as Kubernetes uses them: 404, 409, 422. */
	public abstract int status();

	/** Short, stable summary of the kind of problem; the last part of the problem type URI. */
	public abstract String slug();

	public abstract String title();

	/** Extra members of the problem body (e.g. {@code field}, {@code value}). */
	public Map<String, Object> properties() {
		return properties;
	}

	protected Problem with(String key, Object value) {
		if (value != null) {
			properties.put(key, value);
		}
		return this;
	}
}

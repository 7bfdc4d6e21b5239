package io.podnet.problem;

/**
 * A watch asked to start after a resourceVersion whose changes are no longer kept (410 Gone), as
 * Kubernetes answers "too old resource version": list again and watch from the list's version.
 */
public class Expired extends Problem {

	public Expired(String detail) {
		super(detail);
	}

	@Override
	public int status() {
		return 410;
	}

	@Override
	public String slug() {
		return "expired";
	}

	@Override
	public String title() {
		return "Gone";
	}
}

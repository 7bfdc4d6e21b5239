package io.podnet.reachability;

import io.podnet.problem.Problem;

/**
 * A what-if change the API would refuse, refused as that API would (same status, type and fields),
 * with the change named: {@code change} is its index in the request and the detail starts with it.
 */
class ChangeRefused extends Problem {

	private final Problem cause;

	ChangeRefused(int index, String change, Problem cause) {
		super("changes[" + index + "] (" + change + "): " + cause.getMessage());
		this.cause = cause;
		cause.properties().forEach(this::with);
		with("change", index);
	}

	@Override
	public int status() {
		return cause.status();
	}

	@Override
	public String slug() {
		return cause.slug();
	}

	@Override
	public String title() {
		return cause.title();
	}
}

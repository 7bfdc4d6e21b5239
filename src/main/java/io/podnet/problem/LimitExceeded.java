package io.podnet.problem;

import io.podnet.api.Limits;

/** A create would take a collection past one of the configured limits ({@link Limits}): 422 naming it. */
public class LimitExceeded extends Problem {

	public LimitExceeded(String limit, int value, String what) {
		super(what + " would exceed the limit podnet.limits." + limit + " = " + value + "; delete some first, or "
				+ "raise the limit in the service's configuration");
		with("limit", "podnet.limits." + limit).with("limitValue", value);
	}

	@Override
	public int status() {
		return 422;
	}

	@Override
	public String slug() {
		return "limit-exceeded";
	}

	@Override
	public String title() {
		return "Limit exceeded";
	}
}

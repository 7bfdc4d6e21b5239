package io.podnet.reachability;

import io.podnet.problem.Problem;

/**
 * A new intent whose {@code from} or {@code to} selects nothing (422): it would hold whatever the
 * network did, which is almost always a mistake in the selector (a namespace misspelt).
 */
class IntentSelectsNothing extends Problem {

	IntentSelectsNothing(String part, String selector, String what) {
		super(part + ": " + selector + " selects no " + what + " in the cluster now, so the intent would hold "
				+ "whatever the network did; select something that exists (GET the pods to see their namespaces and "
				+ "labels); nothing was stored");
		with("field", part);
		with("value", selector);
	}

	@Override
	public int status() {
		return 422;
	}

	@Override
	public String slug() {
		return "intent-selects-nothing";
	}

	@Override
	public String title() {
		return "Intent selects nothing";
	}
}

package io.podnet.reachability;

import io.podnet.problem.Problem;

/** A new intent that does not hold already (422): the classes of flows that break it show why. */
class IntentFalse extends Problem {

	IntentFalse(String cluster, IntentStatus status) {
		super("intent '" + status.name() + "' does not hold in cluster '" + cluster + "' now: "
				+ status.brokenClasses() + " class(es) of flows do not end " + status.expect() + " (see broken, each "
				+ "with an example flow and its trace); nothing was stored. Fix the network first, or declare what "
				+ "holds");
		with("intent", status);
	}

	@Override
	public int status() {
		return 422;
	}

	@Override
	public String slug() {
		return "intent-false";
	}

	@Override
	public String title() {
		return "Intent does not hold";
	}
}

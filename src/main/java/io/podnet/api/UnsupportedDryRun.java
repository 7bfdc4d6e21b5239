package io.podnet.api;

import io.podnet.problem.Echo;
import io.podnet.problem.Problem;
import java.util.List;

/** dryRun with a value other than All (400), as Kubernetes refuses it: a typo must not store the write. */
class UnsupportedDryRun extends Problem {

	UnsupportedDryRun(String value) {
		super(DryRun.PARAMETER + ": '" + Echo.cut(value) + "' is not supported; the only value is " + DryRun.ALL
				+ " (?dryRun=All validates the write and answers what it would do, storing nothing); leave dryRun out "
				+ "to make the change");
		with("field", DryRun.PARAMETER);
		with("value", Echo.of(value));
		with("supported", List.of(DryRun.ALL));
	}

	@Override
	public int status() {
		return 400;
	}

	@Override
	public String slug() {
		return "bad-request";
	}

	@Override
	public String title() {
		return "Bad request";
	}
}

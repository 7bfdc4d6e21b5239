package io.podnet.reachability;

import io.podnet.reachability.ReachabilityView.ClassView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "IntentStatus", description = "Whether an intent holds, and if not, the classes of flows that break it")
record IntentStatus(
		@Schema(example = "pods-reach-pods") String name,
		@Schema(example = "ACCEPTED") String expect,
		@Schema(description = "Whether every flow the intent is about ends as it expects; true as well when its "
				+ "selectors select nothing any more (there is no flow to break it)") boolean holds,
		@Schema(description = "How many pods its from selects", example = "3") long sourcePods,
		@Schema(description = "How many pods its to selects (a cidr holds other addresses too)", example = "3")
		long destinationPods,
		@Schema(description = "How many classes of flows break it", example = "1") int brokenClasses,
		@Schema(description = "The first ten of them, grouped as the reachability answer's, each with an example flow "
				+ "and the link to its trace") List<ClassView> broken) {

	static IntentStatus of(IntentCheck.Verdict verdict) {
		return new IntentStatus(verdict.intent().name(), verdict.intent().expect().name(), verdict.holds(),
				verdict.sourcePods(), verdict.destinationPods(), verdict.brokenClasses(), verdict.broken());
	}
}

package io.podnet.reachability;

import io.podnet.path.Disposition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

@Schema(name = "WhatIf", description = "What the changes would do to reachability; nothing was stored")
record WhatIfView(
		@Schema(example = "demo") String cluster,
		@Schema(description = "The resourceVersion of the cluster state the changes were tried on", example = "42")
		String resourceVersion,
		@Schema(example = "8080") Integer port,
		@Schema(example = "TCP") String protocol,
		Totals before,
		Totals after,
		@Schema(description = "Every class of flows whose disposition the changes change, or that they make or remove")
		List<ChangedClass> changed) {

	@Schema(name = "WhatIfTotals")
	record Totals(
			@Schema(example = "true") boolean allReachable,
			@Schema(description = "Ordered pod pairs by disposition", example = "{\"ACCEPTED\": 9}")
			Map<Disposition, Long> pairs) {
	}

	@Schema(name = "WhatIfChangedClass")
	record ChangedClass(
			@Schema(example = "OTHER_NODES") SourceScope sources,
			@Schema(example = "POD") DestinationKind destinations,
			@Schema(description = "The node the destinations belong to, if any", example = "node-2") String node,
			@Schema(description = "For PREFIX destinations, the prefix", example = "10.244.200.0/24") String prefix,
			@Schema(description = "Before the changes. For pods, null if the class did not exist; for addresses, how "
					+ "the flow to the example address went before, when its addresses belonged to another class (a "
					+ "node added: its subnet's addresses were a route's)") Side before,
			@Schema(description = "After them. For pods, null if the class no longer exists; for addresses, how the "
					+ "flow to the example address goes now, when its addresses fall in another class (a route deleted: "
					+ "they fall to a shorter prefix's)") Side after) {
	}

	@Schema(name = "WhatIfSide")
	record Side(
			@Schema(example = "ACCEPTED") Disposition disposition,
			@Schema(description = "Ordered pod pairs in the class", example = "2") long pairs,
			@Schema(example = "default/web") String from,
			@Schema(example = "10.244.1.2") String to,
			@Schema(description = "The example flow's path in words") String explanation) {
	}
}

package io.podnet.reachability;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "WhatIfRequest", description = "Proposed changes, and the reachability question to compare before and "
		+ "after them")
record WhatIfRequest(
		@Schema(description = "Applied in order, as the API would apply them", requiredMode = Schema.RequiredMode.REQUIRED)
		List<Change> changes,
		@Schema(description = "Destination port; without it, whether destinations answer at all", example = "8080")
		Integer port,
		@Schema(description = "TCP (default), UDP or SCTP", example = "TCP") String protocol,
		@Schema(description = "Source pods, as the reachability endpoint's from", example = "namespace:default") String from,
		@Schema(description = "Destinations, as the reachability endpoint's to", example = "labels:app=db") String to) {

	/** route and node are an object (to add) or a string (to delete), so they are read as JSON values, untyped. */
	@Schema(name = "WhatIfChange", description = "One change: add or delete exactly one of a route, a node or a pod "
			+ "(pods only deleted)")
	record Change(
			@Schema(description = "add or delete", example = "add", requiredMode = Schema.RequiredMode.REQUIRED)
			String action,
			@Schema(description = "To add: a route as POST /routes takes it; to delete: its destination",
					example = "{\"destination\": \"10.244.200.0/24\", \"type\": \"BLACKHOLE\"}")
			Object route,
			@Schema(description = "To add: a node as POST /nodes takes it; to delete: its name", example = "node-3")
			Object node,
			@Schema(description = "To delete: namespace/name", example = "default/web") String pod) {
	}
}

package io.podnet.reachability;

import io.podnet.path.DeviceKind;
import io.podnet.path.Disposition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

@Schema(name = "Reachability", description = "Every flow from the selected pods to the selected destinations, decided "
		+ "exactly, class by class")
record ReachabilityView(
		@Schema(example = "demo") String cluster,
		@Schema(description = "The resourceVersion (change-log revision) of the cluster state the answer was computed "
				+ "from", example = "42") String resourceVersion,
		@Schema(description = "The port asked, or null (then: whether addresses answer at all, like ping)",
				example = "8080") Integer port,
		@Schema(example = "TCP") String protocol,
		@Schema(description = "The from filter, or null for every pod", example = "namespace:default") String from,
		@Schema(description = "The to filter, or null for every pod and address", example = "labels:app=db") String to,
		Population sources,
		Population destinations,
		@Schema(description = "Whether every ordered pair of a selected source pod and a selected destination pod "
				+ "(a pod with itself included) ends ACCEPTED; true as well when there is no pair") boolean allReachable,
		@Schema(description = "Ordered pod pairs by disposition, exact; only dispositions that occur",
				example = "{\"ACCEPTED\": 6, \"REFUSED\": 3}") Map<Disposition, Long> pairs,
		@Schema(description = "The pod pairs that are not ACCEPTED, as classes, most pairs first") List<ClassView> exceptions,
		@Schema(description = "Every destination that is not a pod (bridges, nodes, the gateway, addresses nobody "
				+ "holds, what the routes' prefixes lead to), as classes, whatever the outcome") List<ClassView> outside,
		@Schema(description = "How many flows were traced to decide it all: one per class", example = "14") int traces) {

	@Schema(name = "ReachabilityPopulation", description = "How many pods, on how many nodes")
	record Population(@Schema(example = "3") long pods, @Schema(example = "2") int nodes) {
	}

	@Schema(name = "ReachabilityClass", description = "Flows that end alike: the same kind of sources and destinations, "
			+ "the same disposition, stopping at the same kind of device")
	record ClassView(
			@Schema(example = "REFUSED") Disposition disposition,
			Sources sources,
			Destinations destinations,
			@Schema(description = "The hop where the example flow stopped") Stop stopsAt,
			@Schema(description = "The route that decided the example flow's end: the last one it matched",
					example = "10.244.1.0/24 dev cbr0") String route,
			@Schema(description = "Ordered pod pairs in the class (0 for addresses)", example = "2") long pairs,
			Example example,
			@Schema(description = "The example flow's hop-by-hop trace", example = "/api/v1/clusters/demo/paths?from="
					+ "default/web&to=10.244.1.2&port=8080&protocol=TCP") String trace) {
	}

	@Schema(name = "ReachabilitySources")
	record Sources(
			@Schema(description = "Which source pods, relative to the destination", example = "OTHER_NODES")
			SourceScope scope,
			@Schema(example = "2") long pods,
			@Schema(example = "1") int nodes) {
	}

	@Schema(name = "ReachabilityDestinations")
	record Destinations(
			@Schema(example = "POD") DestinationKind kind,
			@Schema(example = "pods on other nodes that do not listen on 8080/TCP") String description,
			@Schema(description = "Selected pods among them (0 for addresses)", example = "1") long pods,
			@Schema(description = "How many node-by-node or prefix-by-prefix classes the group holds", example = "1")
			int classes,
			@Schema(description = "The first few: pods, addresses or prefixes", example = "[\"default/db\"]")
			List<String> examples) {
	}

	@Schema(name = "ReachabilityStop")
	record Stop(
			@Schema(example = "pod default/db") String device,
			@Schema(example = "POD") DeviceKind kind,
			@Schema(example = "eth0") String inInterface,
			@Schema(example = "eth0") String outInterface) {
	}

	@Schema(name = "ReachabilityExample", description = "One flow of the class, as the paths endpoint takes it")
	record Example(
			@Schema(example = "default/web") String from,
			@Schema(example = "10.244.1.2") String to,
			@Schema(example = "8080") Integer port,
			@Schema(example = "TCP") String protocol,
			@Schema(description = "The flow's path in words") String explanation) {
	}
}

package io.podnet.reachability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Reachability", description = "Every pod against every destination at once, exactly, as the path tracer "
		+ "decides each flow")
class ReachabilityController {

	static final String FILTER = "node:NAME, namespace:NAME, pod:NAMESPACE/NAME, labels:SELECTOR (the pod list's "
			+ "labelSelector syntax) or cidr:CIDR (the pods with an IP in it)";

	private final ReachabilityService reachability;

	ReachabilityController(ReachabilityService reachability) {
		this.reachability = reachability;
	}

	@GetMapping("/reachability")
	@Operation(operationId = "getReachability", summary = "Which pods reach which destinations",
			description = "Decides every flow from the selected pods to the selected destinations, pod pairs and "
					+ "other addresses alike, without tracing them one by one: flows are grouped into classes that the "
					+ "network cannot tell apart (source node × destination: pods of a node that listen or not, its "
					+ "bridge, its free addresses, its own address, the gateway, the node network, each route's "
					+ "prefix), and one flow per class is traced with the path tracer, so the answer is exact. "
					+ "`pairs` counts ordered pod pairs (a pod with itself included) by disposition; `exceptions` "
					+ "lists the pod pairs that are not ACCEPTED, as classes with an example flow and the link to its "
					+ "trace; `outside` lists what happens to every other destination. A filter that selects no pod "
					+ "answers 200 with no pairs (as a list answers with no items); one that names a node or pod that "
					+ "does not exist is 404.")
	ReachabilityView reachability(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Destination port; without it, whether destinations answer at all (like ping)",
					example = "8080")
			@RequestParam(required = false) Integer port,
			@Parameter(description = "TCP (default), UDP or SCTP", example = "TCP")
			@RequestParam(required = false) String protocol,
			@Parameter(description = "Source pods: " + FILTER + "; every pod if left out", example = "namespace:default")
			@RequestParam(required = false) String from,
			@Parameter(description = "Destinations: " + FILTER + ", which as a destination also holds every other "
					+ "address in it; every pod and every address if left out", example = "labels:app=db")
			@RequestParam(required = false) String to) {
		return reachability.answer(cluster, port, protocol, from, to);
	}
}

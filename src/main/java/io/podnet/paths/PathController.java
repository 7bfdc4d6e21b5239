package io.podnet.paths;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Paths", description = "How a packet gets from one pod to another, hop by hop, as Linux would forward it")
class PathController {

	private final PathService paths;

	PathController(PathService paths) {
		this.paths = paths;
	}

	@GetMapping("/paths")
	@Operation(summary = "Trace a packet from a pod",
			description = "Forwards the packet through the devices' route tables (pod, node, gateway) with "
					+ "longest-prefix match, checking after each decision that a device owns the next hop on that "
					+ "segment, and stopping on a loop. The answer lists every hop with the route it matched and what "
					+ "it did (ROUTED drops the TTL by one; BRIDGED is cbr0 switching within a node), and ends in one "
					+ "disposition: ACCEPTED, REFUSED (no container declares the port), NO_ROUTE, NULL_ROUTED, "
					+ "NEIGHBOR_UNREACHABLE, EXITS_NETWORK or LOOP.")
	PathView trace(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Source pod, namespace/name", example = "default/web", required = true)
			@RequestParam String from,
			@Parameter(description = "Destination: a pod (namespace/name), an IP address, or localhost",
					example = "default/db", required = true)
			@RequestParam String to,
			@Parameter(description = "Destination port; without it, whether the address answers at all (like ping)",
					example = "5432")
			@RequestParam(required = false) Integer port,
			@Parameter(description = "TCP (default), UDP or SCTP", example = "TCP")
			@RequestParam(required = false) String protocol,
			@Parameter(description = "Dual-stack: the address family of a pod-to-pod or localhost question, IPv4 or IPv6."
					+ " Default: the cluster's primary family; an address destination is in its own family",
					example = "IPv6", schema = @Schema(allowableValues = {"IPv4", "IPv6"}))
			@RequestParam(required = false) String family) {
		return paths.resolve(cluster, from, to, port, protocol, family);
	}
}

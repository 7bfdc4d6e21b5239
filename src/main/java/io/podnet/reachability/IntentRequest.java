package io.podnet.reachability;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(name = "Intent", description = "What must stay true of reachability: every flow from the `from` pods to the "
		+ "`to` destinations ends with the `expect`ed disposition (and, with `via`, its destination matches a gateway "
		+ "route of that type). Writes that would break it are refused (409) unless forced.")
record IntentRequest(
		@Schema(description = "Unique in the cluster; a DNS-1123 label", example = "pods-reach-pods",
				requiredMode = Schema.RequiredMode.REQUIRED) String name,
		@Schema(description = "The source pods; every pod if left out") Selector from,
		@Schema(description = "The destinations", requiredMode = Schema.RequiredMode.REQUIRED) Selector to,
		@Schema(description = "Destination port, 1 to 65535; without it, whether destinations answer at all (like ping)",
				example = "8080") Integer port,
		@Schema(description = "TCP (default with a port), UDP or SCTP", example = "TCP") String protocol,
		@Schema(description = "The disposition every flow must end with", example = "ACCEPTED",
				allowableValues = { "ACCEPTED", "EXITS_NETWORK", "REFUSED", "NO_ROUTE",
						"NULL_ROUTED", "NEIGHBOR_UNREACHABLE", "LOOP" },
				requiredMode = Schema.RequiredMode.REQUIRED) String expect,
		@Schema(description = "The type of the gateway route every destination's longest match must be", example =
				"EXTERNAL", allowableValues = { "CONNECTED", "NODE", "STATIC", "BLACKHOLE", "EXTERNAL" }) String via) {

	/**
	 * Exactly one kind of selection, as the reachability endpoint's filters select; {@code except} goes
	 * with {@code cidr} only.
	 */
	@Schema(name = "IntentSelector", description = "Exactly one of: `pods` (\"*\", every pod), `node`, `namespace`, "
			+ "`pod`, `labels`, `cidr` (with optional `except`). As `to`, `cidr` holds every address in it (pods, "
			+ "bridges, nodes, addresses nobody holds, what routes lead out) but those in `except`; the other kinds "
			+ "hold pods only.", example = "{\"cidr\": \"0.0.0.0/0\", \"except\": [\"10.244.0.0/16\", \"10.100.0.0/24\"]}")
	record Selector(
			@Schema(description = "\"*\": every pod", example = "*") String pods,
			@Schema(description = "The pods on this node", example = "node-1") String node,
			@Schema(description = "The pods of this namespace", example = "default") String namespace,
			@Schema(description = "One pod, namespace/name", example = "default/web") String pod,
			@Schema(description = "The pods a label selector selects (the pod list's labelSelector syntax)",
					example = "app=web") String labels,
			@Schema(description = "A network in CIDR notation: the pods with an IP in it, and as `to` every address",
					example = "10.244.200.0/24") String cidr,
			@Schema(description = "With cidr: networks inside it that are left out", example = "[\"10.244.0.0/16\"]")
			List<String> except) {
	}
}

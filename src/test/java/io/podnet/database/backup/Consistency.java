package io.podnet.database.backup;

import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What any state podnet serves must satisfy, whatever happened before: no node address, node
 * subnet or pod IP held twice, every pod inside its node's subnet, each node's pod count the
 * number of its pods, the cluster's allocated node subnets the number of its nodes.
 */
final class Consistency {

	private Consistency() {
	}

	static List<String> violations(ServedState state) {
		List<String> violations = new ArrayList<>();
		Set<String> addresses = new HashSet<>();
		Set<String> subnets = new HashSet<>();
		Set<String> ips = new HashSet<>();
		Map<String, Integer> podsOn = new HashMap<>();
		state.nodes().forEach((name, node) -> {
			if (!addresses.add(node.path("address").asString())) {
				violations.add("node address " + node.path("address").asString() + " is held twice");
			}
			if (!subnets.add(node.path("podSubnet").asString())) {
				violations.add("node pod subnet " + node.path("podSubnet").asString() + " is held twice");
			}
		});
		state.pods().forEach((name, pod) -> {
			String ip = pod.path("ip").asString();
			if (!ips.add(ip)) {
				violations.add("pod IP " + ip + " is held twice");
			}
			String nodeName = pod.path("nodeName").asString();
			podsOn.merge(nodeName, 1, Integer::sum);
			JsonNode node = state.nodes().get(nodeName);
			if (node == null) {
				violations.add("pod " + name + " is on node " + nodeName + ", which is not served");
			} else if (!new IPAddressString(node.path("podSubnet").asString()).contains(new IPAddressString(ip))) {
				violations.add("pod " + name + " has " + ip + " outside its node's " + node.path("podSubnet").asString());
			}
		});
		state.nodes().forEach((name, node) -> {
			int allocated = node.path("pods").path("allocated").asInt();
			int counted = podsOn.getOrDefault(name, 0);
			if (allocated != counted) {
				violations.add("node " + name + " says it has " + allocated + " pods but " + counted + " are served");
			}
		});
		long subnetsAllocated = state.cluster().path("nodeSubnets").path("allocated").asLong();
		if (subnetsAllocated != state.nodes().size()) {
			violations.add("the cluster counts " + subnetsAllocated + " node subnets but has " + state.nodes().size()
					+ " nodes");
		}
		return violations;
	}
}

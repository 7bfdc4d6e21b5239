package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.kubenet.Route;
import java.util.List;

/**
 * What the reachability answer is computed from: the routers as the path tracer sees them, and the
 * pods counted into groups.
 *
 * @param nodeNetwork the node network, a prefix block
 * @param gateway the gateway's address on it
 * @param gatewayTable the gateway's whole table (the node network on eth0, node and user routes)
 * @param nodes every node of the cluster
 * @param groups the pods the filters select, by node and listening
 */
record ClusterPlan(IPAddress nodeNetwork, IPAddress gateway, List<Route> gatewayTable, List<NodePlan> nodes,
		List<PodGroup> groups) {

	ClusterPlan {
		gatewayTable = List.copyOf(gatewayTable);
		nodes = List.copyOf(nodes);
		groups = List.copyOf(groups);
	}
}

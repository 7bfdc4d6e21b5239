package io.podnet.picture;

import io.podnet.node.NodeUsage;
import java.math.BigInteger;
import java.util.List;

/**
 * A large cluster as its summary picture shows it: the networks, the node subnets used and
 * free, and each node's pod count and capacity (one short row per node, no pod read); the user
 * routes are the first of them and their count.
 */
record ClusterSummary(String cluster, String nodeNetwork, String gateway, String podNetwork,
		BigInteger nodeSubnets, List<NodeUsage> nodes, List<Scene.RouteRow> userRoutes, long userRouteCount) implements Drawing {

	@Override
	public String svg() {
		return SummaryPicture.svg(this);
	}

	long pods() {
		return nodes.stream().mapToLong(NodeUsage::pods).sum();
	}

	long podAddresses() {
		return nodes.stream().mapToLong(NodeUsage::podAddresses).sum();
	}
}

package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.ClusterFacts;
import io.podnet.ipam.Addresses;
import java.util.Optional;

/**
 * What a pod create reads of the node it goes on, with the node's pod counters locked for the rest
 * of its transaction ({@link PodTargets}): the cluster's facts, the node's pod subnets, the counters.
 */
public record PodTarget(ClusterFacts cluster, long nodeId, String nodeName, String podSubnet,
		NodePodCounters.Counters counters) {

	public IPAddress podSubnetBlock() {
		return Addresses.parseNetwork("podSubnet", podSubnet);
	}

	/**
	 * The node's pod subnet of the cluster's second family, in a dual-stack cluster: read from the
	 * locked counters' row (V13), so a family added or removed meanwhile is seen.
	 */
	public String secondaryPodSubnet() {
		return counters == null ? null : counters.secondaryPodSubnet();
	}

	public Optional<IPAddress> secondaryPodSubnetBlock() {
		return Optional.ofNullable(secondaryPodSubnet()).map(subnet -> Addresses.parseNetwork("podSubnet", subnet));
	}
}

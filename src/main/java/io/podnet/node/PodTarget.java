package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.ClusterFacts;
import io.podnet.ipam.Addresses;

/**
 * What a pod create reads of the node it goes on, with the node's pod counters locked for the rest
 * of its transaction ({@link PodTargets}): the cluster's facts, the node's pod subnet, the counters.
 */
public record PodTarget(ClusterFacts cluster, long nodeId, String nodeName, String podSubnet,
		NodePodCounters.Counters counters) {

	public IPAddress podSubnetBlock() {
		return Addresses.parseNetwork("podSubnet", podSubnet);
	}
}

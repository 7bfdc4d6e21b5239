package io.podnet.cluster;

import java.util.Map;

/** How many nodes, and so node subnets, each cluster has: answered by the node feature, which owns them. */
public interface NodeCounts {

	long of(Cluster cluster);

	/** By cluster id, for a list answer: one query rather than one per cluster. */
	Map<Long, Long> perCluster();

	/**
	 * Gives every node of the locked cluster a new pod limit; answers the most pods a node holds,
	 * which the caller must refuse a limit below (its transaction rolls the change back).
	 */
	int limitPodsPerNode(Cluster cluster, int maxPods);
}

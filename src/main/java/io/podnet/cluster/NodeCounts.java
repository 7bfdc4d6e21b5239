package io.podnet.cluster;

import java.util.Map;

/** How many nodes, and so node subnets, each cluster has: answered by the node feature, which owns them. */
public interface NodeCounts {

	long of(Cluster cluster);

	/** By cluster id, for a list answer: one query rather than one per cluster. */
	Map<Long, Long> perCluster();
}

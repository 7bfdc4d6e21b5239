package io.podnet.node;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.NodeCounts;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The clusters' node counts, read from the node table this feature owns. */
@Component
class ClusterNodeCounts implements NodeCounts {

	private final NodeRepository nodes;
	private final NodePodCounters counters;

	ClusterNodeCounts(NodeRepository nodes, NodePodCounters counters) {
		this.nodes = nodes;
		this.counters = counters;
	}

	@Override
	public int limitPodsPerNode(Cluster cluster, int maxPods) {
		return counters.limitPods(cluster.getId(), maxPods);
	}

	@Override
	public long of(Cluster cluster) {
		return nodes.countByCluster(cluster);
	}

	@Override
	public Map<Long, Long> perCluster() {
		return nodes.countPerCluster().stream().collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
	}
}

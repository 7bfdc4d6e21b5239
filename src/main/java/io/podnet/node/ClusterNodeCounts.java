package io.podnet.node;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.NodeCounts;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import java.util.Map;
import org.springframework.data.domain.Limit;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The clusters' node counts, read from the node table this feature owns. */
@Component
class ClusterNodeCounts implements NodeCounts {

	private final NodeRepository nodes;
	private final NodePodCounters counters;
	private final ChangeLog changes;

	ClusterNodeCounts(NodeRepository nodes, NodePodCounters counters, ChangeLog changes) {
		this.nodes = nodes;
		this.counters = counters;
		this.changes = changes;
	}

	/** Every node's capacity and version change with the limit: one MODIFIED event per node. */
	@Override
	public int limitPodsPerNode(Cluster cluster, int maxPods) {
		int busiest = counters.limitPods(cluster.getId(), maxPods);
		// read after the update (no node of the cluster is loaded before in this transaction)
		for (Node node : nodes.findPage(cluster, "", Limit.unlimited())) {
			changes.record(ChangeKinds.NODE, cluster.getId(), EventType.MODIFIED, NodeView.of(node));
		}
		return busiest;
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

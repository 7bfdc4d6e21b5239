package io.podnet.node;

import io.podnet.cluster.ClusterFacts;
import io.podnet.database.RowLock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A read model for the hottest write, pod create: the cluster's facts, the node's pod subnet and
 * its pod counters, locked, read with plain SQL on the connection of the caller's transaction.
 * The node's tables are this feature's own; the cluster's three columns are read alongside, for a
 * statement is a round trip to PostgreSQL.
 */
@Repository
public class PodTargets {

	private static final String CLUSTER_AND_NODE = "c.id, c.ip_family, c.max_pods_per_node,"
			+ " n.id as node_id, n.name as node_name, n.pod_subnet";

	private final JdbcClient jdbc;
	private final RowLock rowLock;
	private final NodePodCounters counters;

	PodTargets(JdbcClient jdbc, RowLock rowLock, NodePodCounters counters) {
		this.jdbc = jdbc;
		this.rowLock = rowLock;
		this.counters = counters;
	}

	/**
	 * The named node of the named cluster, its pod counters locked for the rest of the transaction;
	 * empty if there is no such cluster or node. On PostgreSQL one statement; on H2 the cluster and
	 * node in one statement and the lock in another (see {@link RowLock#joinsCheaply}).
	 */
	public Optional<PodTarget> lock(String clusterName, String nodeName) {
		if (!rowLock.joinsCheaply()) {
			return jdbc.sql("select " + CLUSTER_AND_NODE + " from cluster c join node n on n.cluster_id = c.id"
					+ " where c.name = ? and n.name = ?")
					.param(1, clusterName).param(2, nodeName)
					.query((rs, row) -> target(rs, null)).optional()
					.flatMap(read -> counters.lock(read.nodeId()).map(locked -> new PodTarget(read.cluster(),
							read.nodeId(), read.nodeName(), read.podSubnet(), locked)));
		}
		// Only the counters are locked (OF np). The node and the cluster are outer joins, which H2, where
		// OF is ignored, would not lock either; they always match, for node_pods refers to both.
		return jdbc.sql("select " + CLUSTER_AND_NODE + ", " + NodePodCounters.Counters.COLUMNS
				+ " from node_pods np left join node n on n.id = np.node_id"
				+ " left join cluster c on c.id = np.cluster_id"
				+ " where np.node_id = (select n2.id from node n2 join cluster c2 on c2.id = n2.cluster_id"
				+ " where c2.name = ? and n2.name = ?)" + rowLock.of("np"))
				.param(1, clusterName).param(2, nodeName)
				.query((rs, row) -> target(rs, NodePodCounters.Counters.of(rs)))
				.optional();
	}

	private static PodTarget target(ResultSet rs, NodePodCounters.Counters locked) throws SQLException {
		return new PodTarget(ClusterFacts.of(rs), rs.getLong("node_id"), rs.getString("node_name"),
				rs.getString("pod_subnet"), locked);
	}
}

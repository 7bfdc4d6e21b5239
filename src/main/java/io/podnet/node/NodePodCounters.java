package io.podnet.node;

import io.podnet.database.RowLock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each node's pod counters (table node_pods): its pod count, the next-fit cursor of its pod IPs
 * and the node's version. They are a row of their own so that the pod writes, which change them
 * every time, update a row with two indexes rather than the node row with five (see V7). Pod
 * writers lock this row, so pods on one node are serialised and pods on different nodes never
 * wait for each other; a node delete locks it too, after the cluster row. A pod create locks it
 * through {@link PodTargets} (on PostgreSQL in the statement that reads its node), the deletes
 * with {@link #lock}. Plain SQL on the connection of the caller's transaction; {@link Node} reads
 * the same row, read-only.
 */
@Repository
public class NodePodCounters {

	/** A node's counters, read under the row's lock. */
	public record Counters(int podCount, BigInteger podAddressCursor, BigInteger secondaryPodAddressCursor,
			long version, int maxPods, String secondaryPodSubnet) {

		/** The columns that {@link #of} reads, qualified by the alias np. */
		static final String COLUMNS = "np.pod_count, np.pod_address_cursor, np.secondary_pod_address_cursor,"
				+ " np.version, np.max_pods, np.secondary_pod_subnet";

		/** The counters in a row of a select that locked them: the {@link #COLUMNS}. */
		static Counters of(ResultSet rs) throws SQLException {
			return new Counters(rs.getInt("pod_count"), cursor(rs, "pod_address_cursor"),
					cursor(rs, "secondary_pod_address_cursor"), rs.getLong("version"), rs.getInt("max_pods"),
					rs.getString("secondary_pod_subnet"));
		}

		private static BigInteger cursor(ResultSet rs, String column) throws SQLException {
			BigDecimal cursor = rs.getBigDecimal(column);
			return cursor == null ? null : cursor.toBigIntegerExact();
		}
	}

	private final JdbcClient jdbc;
	private final RowLock rowLock;

	NodePodCounters(JdbcClient jdbc, RowLock rowLock) {
		this.jdbc = jdbc;
		this.rowLock = rowLock;
	}

	/** The counters of a new node: no pods, version 0, the cluster's pod limit, its second family's subnet. */
	void insert(Node node) {
		jdbc.sql("insert into node_pods (node_id, cluster_id, node_name, pod_count, pod_address_cursor, version,"
				+ " max_pods, secondary_pod_subnet) values (?, ?, ?, 0, null, 0, ?, ?)")
				.param(1, node.getId()).param(2, node.getCluster().getId()).param(3, node.getName())
				.param(4, node.getCluster().getMaxPodsPerNode())
				.param(5, node.getSecondaryPodSubnet(), Types.VARCHAR).update();
	}

	/**
	 * Locks the counters of every node of the cluster and moves each node's version on: a change of
	 * every node (a family added or removed). Pod creates in flight finish first; later ones wait
	 * for the caller's commit and then read what it wrote.
	 */
	void lockAllAsChanged(long clusterId) {
		jdbc.sql("update node_pods set version = version + 1 where cluster_id = ?").param(1, clusterId).update();
	}

	/**
	 * Sets the pod limit of every node of the cluster, locking their counters, and bumps their
	 * versions (each node's capacity changes); answers the most pods any node holds, for the caller
	 * to refuse a limit below it (its transaction then rolls this back). A pod create holds its
	 * node's lock while it compares with the limit, so none can slip past a lower one.
	 */
	int limitPods(long clusterId, int maxPods) {
		jdbc.sql("update node_pods set max_pods = ?, version = version + 1 where cluster_id = ?")
				.param(1, maxPods).param(2, clusterId).update();
		return jdbc.sql("select coalesce(max(pod_count), 0) from node_pods where cluster_id = ?").param(1, clusterId)
				.query(Integer.class).single();
	}

	/** The node's counters, locked for the rest of the transaction; empty if the node is gone. */
	public Optional<Counters> lock(long nodeId) {
		return jdbc.sql("select " + Counters.COLUMNS + " from node_pods np where np.node_id = ?"
				+ rowLock.of("np"))
				.param(1, nodeId).query((rs, row) -> Counters.of(rs)).optional();
	}

	/**
	 * Locks the pod counters of every node of the cluster, in one order (by node): holding them, no
	 * pod of the cluster is created or deleted until the caller's transaction ends.
	 */
	public void lockAll(long clusterId) {
		jdbc.sql("select np.node_id from node_pods np where np.cluster_id = ? order by np.node_id" + rowLock.of("np"))
				.param(1, clusterId).query(Long.class).list();
	}

	/**
	 * The name of the cluster's node with the most free pod slots, i.e. the fewest pods, ties by
	 * name; read without a lock. Ordered by every column of the placement index, so that H2 reads
	 * its first entry instead of sorting the cluster's nodes.
	 */
	public Optional<String> placement(long clusterId) {
		return jdbc.sql("select node_name from node_pods where cluster_id = ?"
				+ " order by cluster_id, pod_count, node_name fetch first 1 rows only")
				.param(1, clusterId).query(String.class).optional();
	}

	/**
	 * Counts a pod on the locked node; ipValue (and secondaryIpValue, the second family's, or null),
	 * handed out automatically, is where the next search starts.
	 */
	public void podAdded(long nodeId, BigInteger ipValue, BigInteger secondaryIpValue) {
		if (secondaryIpValue == null) {
			jdbc.sql("update node_pods set pod_count = pod_count + 1, pod_address_cursor = ?, version = version + 1"
					+ " where node_id = ?").param(1, new BigDecimal(ipValue)).param(2, nodeId).update();
			return;
		}
		jdbc.sql("update node_pods set pod_count = pod_count + 1, pod_address_cursor = ?,"
				+ " secondary_pod_address_cursor = ?, version = version + 1 where node_id = ?")
				.param(1, new BigDecimal(ipValue)).param(2, new BigDecimal(secondaryIpValue)).param(3, nodeId).update();
	}

	/** Uncounts a pod of the locked node; its IP is handed out again only after the cursor wraps. */
	public void podRemoved(long nodeId) {
		jdbc.sql("update node_pods set pod_count = pod_count - 1, version = version + 1 where node_id = ?")
				.param(1, nodeId).update();
	}

	/** Deletes the counters of a node that is being deleted, before the node row. */
	void delete(long nodeId) {
		jdbc.sql("delete from node_pods where node_id = ?").param(1, nodeId).update();
	}
}

package io.podnet.pod;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.node.NodePods;
import io.podnet.database.RowLock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements of a pod create, in plain SQL rather than through entities: it is the hottest
 * write, and loading the cluster and node as entities, persisting the pod and dirty-checking the
 * node at flush were about an eighth of its CPU (issue 6, a profile of the benchmark). They run on
 * the connection of the caller's transaction; nothing of the create is in the persistence context,
 * so no entity there can go stale. The node's pod counters are locked here, with the read of the
 * node, and written through {@link NodePods}.
 */
@Repository
class PodWrites {

	private static final ContainersColumn CONTAINERS = new ContainersColumn();

	/** What a pod create needs of its cluster; none of it changes after the cluster is created. */
	record ClusterFacts(long id, IpFamily ipFamily, int maxPodsPerNode) {
	}

	/** What pod allocation reads of a node's own row. */
	record NodeRow(long id, String name, String podSubnet, BigInteger podSubnetValue) {

		IPAddress podSubnetBlock() {
			return Addresses.parseNetwork("podSubnet", podSubnet);
		}
	}

	/** A pod's cluster and node, and the node's pod counters, locked. */
	record LockedNode(ClusterFacts cluster, NodeRow node, NodePods.Locked slots) {
	}

	private record ClusterAndNode(ClusterFacts cluster, NodeRow node) {
	}

	/** A pod row to insert. */
	record NewPod(long clusterId, long nodeId, String namespace, String name, String ip, BigInteger ipValue,
			String hostInterface, List<Container> containers, Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final RowLock rowLock;
	private final NodePods nodePods;

	PodWrites(JdbcClient jdbc, RowLock rowLock, NodePods nodePods) {
		this.jdbc = jdbc;
		this.rowLock = rowLock;
		this.nodePods = nodePods;
	}

	Optional<ClusterFacts> cluster(String name) {
		return jdbc.sql("select id, ip_family, max_pods_per_node from cluster where name = ?").param(1, name)
				.query((rs, row) -> clusterFacts(rs)).optional();
	}

	private static ClusterFacts clusterFacts(ResultSet rs) throws SQLException {
		return new ClusterFacts(rs.getLong("id"), IpFamily.valueOf(rs.getString("ip_family")),
				rs.getInt("max_pods_per_node"));
	}

	/**
	 * The cluster, its named node and the node's pod counters, locked for the rest of the
	 * transaction; empty if there is no such cluster or node. On PostgreSQL one statement, because
	 * every statement is a round trip; on H2 the cluster and node in one statement and the lock in
	 * another (see {@link RowLock#joinsCheaply}).
	 */
	Optional<LockedNode> lockNode(String clusterName, String nodeName) {
		if (!rowLock.joinsCheaply()) {
			return clusterAndNode(clusterName, nodeName).flatMap(read -> nodePods.lock(read.node().id())
					.map(slots -> new LockedNode(read.cluster(), read.node(), slots)));
		}
		// Only the counters are locked (OF np). The node and the cluster are outer joins, which H2, where
		// OF is ignored, would not lock either; they always match, for node_pods refers to both.
		return jdbc.sql("select c.id, c.ip_family, c.max_pods_per_node,"
				+ " n.id as node_id, n.name as node_name, n.pod_subnet, n.pod_subnet_value,"
				+ " np.pod_count, np.pod_address_cursor, np.version"
				+ " from node_pods np left join node n on n.id = np.node_id"
				+ " left join cluster c on c.id = np.cluster_id"
				+ " where np.node_id = (select n2.id from node n2 join cluster c2 on c2.id = n2.cluster_id"
				+ " where c2.name = ? and n2.name = ?)" + rowLock.of("np"))
				.param(1, clusterName).param(2, nodeName)
				.query((rs, row) -> new LockedNode(clusterFacts(rs), nodeRow(rs), NodePods.Locked.of(rs)))
				.optional();
	}

	/** The cluster and its named node, read without a lock; empty if there is no such cluster or node. */
	private Optional<ClusterAndNode> clusterAndNode(String clusterName, String nodeName) {
		return jdbc.sql("select c.id, c.ip_family, c.max_pods_per_node,"
				+ " n.id as node_id, n.name as node_name, n.pod_subnet, n.pod_subnet_value"
				+ " from cluster c join node n on n.cluster_id = c.id where c.name = ? and n.name = ?")
				.param(1, clusterName).param(2, nodeName)
				.query((rs, row) -> new ClusterAndNode(clusterFacts(rs), nodeRow(rs)))
				.optional();
	}

	private static NodeRow nodeRow(ResultSet rs) throws SQLException {
		return new NodeRow(rs.getLong("node_id"), rs.getString("node_name"), rs.getString("pod_subnet"),
				rs.getBigDecimal("pod_subnet_value").toBigIntegerExact());
	}

	/**
	 * Taken pod IPs of the cluster in [from, to], in order: what the next-fit allocator reads, for a
	 * range inside one node's pod subnet. Every pod's IP is in its own node's subnet and no two nodes'
	 * subnets overlap, so these are that node's pods; the cluster's unique IP index answers it, and
	 * the pod table needs no second index on (node, IP) that every insert would have to keep.
	 */
	List<BigInteger> ipValuesBetween(long clusterId, BigInteger from, BigInteger to, int limit) {
		return jdbc.sql("select ip_value from pod where cluster_id = ? and ip_value between ? and ?"
				+ " order by ip_value fetch first ? rows only")
				.param(1, clusterId).param(2, new BigDecimal(from)).param(3, new BigDecimal(to)).param(4, limit)
				.query((rs, row) -> rs.getBigDecimal(1).toBigIntegerExact()).list();
	}

	/** Inserts the pod at version 0, where every row starts; a taken name or veth name breaks a constraint. */
	void insert(NewPod pod) {
		jdbc.sql("insert into pod (cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers,"
				+ " version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
				.param(1, pod.clusterId()).param(2, pod.nodeId()).param(3, pod.namespace()).param(4, pod.name())
				.param(5, pod.ip()).param(6, new BigDecimal(pod.ipValue())).param(7, pod.hostInterface())
				.param(8, CONTAINERS.convertToDatabaseColumn(pod.containers()))
				.param(9, OffsetDateTime.ofInstant(pod.createdAt(), ZoneOffset.UTC))
				.update();
	}
}

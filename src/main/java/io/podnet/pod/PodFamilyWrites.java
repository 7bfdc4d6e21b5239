package io.podnet.pod;

import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The pod tables' part of adding or removing a cluster's second family ({@link PodFamilies}): every
 * pod of the cluster at once, in plain SQL and JDBC batches, on the caller's transaction; and the
 * pods read back as entities a page at a time, for their watch events.
 */
@Repository
class PodFamilyWrites {

	/** A node's second-family subnet as its locked counters hold it. */
	record NodeSubnet(String name, HostPool pool) {
	}

	/** A pod of the cluster, in the order its addresses are handed out: by node, then by first address. */
	record PodOnNode(long id, long nodeId) {
	}

	private final JdbcTemplate jdbc;
	private final PodRepository pods;
	private final EntityManager entityManager;

	PodFamilyWrites(JdbcTemplate jdbc, PodRepository pods, EntityManager entityManager) {
		this.jdbc = jdbc;
		this.pods = pods;
		this.entityManager = entityManager;
	}

	/** Each node's second-family subnet, by node id, from its pod counters. */
	Map<Long, NodeSubnet> nodeSubnets(long clusterId) {
		Map<Long, NodeSubnet> subnets = new HashMap<>();
		RowCallbackHandler each = rs -> subnets.put(rs.getLong("node_id"), new NodeSubnet(rs.getString("node_name"),
				HostPool.podAddresses(Addresses.parseNetwork("podSubnet", rs.getString("secondary_pod_subnet")))));
		jdbc.query("select node_id, node_name, secondary_pod_subnet from node_pods where cluster_id = ?", each,
				clusterId);
		return subnets;
	}

	/** Every pod of the cluster, by node and then by first address, handed to the consumer as read. */
	void eachPod(long clusterId, Consumer<PodOnNode> consumer) {
		RowCallbackHandler each = rs -> consumer.accept(new PodOnNode(rs.getLong("id"), rs.getLong("node_id")));
		jdbc.query("select id, node_id from pod where cluster_id = ? order by node_id, ip_value", each, clusterId);
	}

	/** Second-family addresses: rows of (address, value, pod id); each pod's version moves on. */
	void secondAddresses(List<Object[]> podRows) {
		jdbc.batchUpdate("update pod set secondary_ip = ?, secondary_ip_value = ?, version = version + 1 where id = ?",
				podRows);
	}

	/** Where each node's second-family allocator goes on from: its last address handed out. */
	void secondCursors(Map<Long, BigInteger> cursors) {
		List<Object[]> rows = new ArrayList<>(cursors.size());
		cursors.forEach((nodeId, cursor) -> rows.add(new Object[] { new BigDecimal(cursor), nodeId }));
		jdbc.batchUpdate("update node_pods set secondary_pod_address_cursor = ? where node_id = ?", rows);
	}

	/** No pod of the cluster has a second-family address any more; answers their ids, as {@link #eachPod} orders them. */
	List<Long> noSecondAddresses(long clusterId) {
		List<Long> ids = jdbc.queryForList("select id from pod where cluster_id = ? order by node_id, ip_value",
				Long.class, clusterId);
		jdbc.update("update pod set secondary_ip = null, secondary_ip_value = null, version = version + 1"
				+ " where cluster_id = ?", clusterId);
		return ids;
	}

	/** The pods with these ids as entities with their nodes, let go by the persistence context once used. */
	void readEach(List<Long> ids, Consumer<Pod> consumer) {
		for (Pod pod : pods.findWithNodes(ids)) {
			consumer.accept(pod);
			entityManager.detach(pod);
		}
	}
}

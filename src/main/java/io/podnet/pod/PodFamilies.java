package io.podnet.pod;

import io.podnet.cluster.FamilyAdded;
import io.podnet.cluster.FamilyRemoved;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.problem.InvalidValue;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pods' part of adding or removing a cluster's second address family: every pod gets an
 * address of the family from its node's new subnet, or loses it. The nodes' part has run (their
 * counters are locked, their subnets written); this is plain SQL in batches, for it touches every
 * pod of the cluster, and then one watch event per pod.
 */
@Component
class PodFamilies {

	/** Pods are read back as entities this many at a time, for their watch events. */
	private static final int PAGE = 1000;

	private final JdbcTemplate jdbc;
	private final PodRepository pods;
	private final EntityManager entityManager;
	private final ChangeLog changes;

	PodFamilies(JdbcTemplate jdbc, PodRepository pods, EntityManager entityManager, ChangeLog changes) {
		this.jdbc = jdbc;
		this.pods = pods;
		this.entityManager = entityManager;
		this.changes = changes;
	}

	/** A node's new subnet as its locked counters hold it, and the pods it may have. */
	private record NodeSubnet(String name, HostPool pool, int maxPods) {
	}

	/**
	 * On each node, its pods in the order of their first addresses get the new subnet's addresses
	 * from the start, as next-fit would have handed them out; the node's cursor ends on the last.
	 */
	@EventListener
	@Order(FamilyAdded.PODS)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyAdded added) {
		long clusterId = added.cluster().getId();
		Map<Long, NodeSubnet> subnets = new HashMap<>();
		jdbc.query("select np.node_id, np.node_name, np.secondary_pod_subnet, np.max_pods from node_pods np"
				+ " where np.cluster_id = ?", rs -> {
					subnets.put(rs.getLong("node_id"), new NodeSubnet(rs.getString("node_name"), HostPool.podAddresses(
							Addresses.parseNetwork("podSubnet", rs.getString("secondary_pod_subnet"))),
							rs.getInt("max_pods")));
				}, clusterId);
		List<Long> ids = new ArrayList<>();
		List<Object[]> podRows = new ArrayList<>();
		Map<Long, BigInteger> cursors = new HashMap<>();
		Map<Long, Integer> counts = new HashMap<>();
		jdbc.query("select id, node_id from pod where cluster_id = ? order by node_id, ip_value", rs -> {
			long nodeId = rs.getLong("node_id");
			NodeSubnet node = subnets.get(nodeId);
			BigInteger value = cursors.containsKey(nodeId) ? cursors.get(nodeId).add(BigInteger.ONE) : node.pool().first();
			int count = counts.merge(nodeId, 1, Integer::sum);
			if (value.compareTo(node.pool().last()) > 0) {
				throw new InvalidValue("nodeSubnetPrefixLength", node.pool().network().getNetworkPrefixLength(),
						"leaves node '" + node.name() + "' room for " + node.pool().usable() + " pods in its new subnet "
								+ Addresses.format(node.pool().network()) + " but it has at least " + count + "; expected"
								+ " a shorter prefix length");
			}
			cursors.put(nodeId, value);
			ids.add(rs.getLong("id"));
			podRows.add(new Object[] { Addresses.format(node.pool().addressAt(value)), new BigDecimal(value),
					rs.getLong("id") });
		}, clusterId);
		jdbc.batchUpdate("update pod set secondary_ip = ?, secondary_ip_value = ?, version = version + 1 where id = ?",
				podRows);
		List<Object[]> cursorRows = new ArrayList<>(cursors.size());
		cursors.forEach((nodeId, cursor) -> cursorRows.add(new Object[] { new BigDecimal(cursor), nodeId }));
		jdbc.batchUpdate("update node_pods set secondary_pod_address_cursor = ? where node_id = ?", cursorRows);
		recordModified(clusterId, ids);
	}

	/** Every pod loses its address of the family; the nodes' subnets of it are gone already. */
	@EventListener
	@Order(FamilyRemoved.PODS)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyRemoved removed) {
		long clusterId = removed.cluster().getId();
		List<Long> ids = jdbc.queryForList("select id from pod where cluster_id = ? order by node_id, ip_value",
				Long.class, clusterId);
		jdbc.update("update pod set secondary_ip = null, secondary_ip_value = null, version = version + 1"
				+ " where cluster_id = ?", clusterId);
		recordModified(clusterId, ids);
	}

	/** Tells watchers of each pod as a GET answers it now, a page of entities at a time (let go after). */
	private void recordModified(long clusterId, List<Long> ids) {
		for (int from = 0; from < ids.size(); from += PAGE) {
			List<Pod> page = pods.findWithNodes(ids.subList(from, Math.min(ids.size(), from + PAGE)));
			for (Pod pod : page) {
				changes.record(ChangeKinds.POD, clusterId, EventType.MODIFIED, PodView.of(pod));
				entityManager.detach(pod);
			}
		}
	}
}

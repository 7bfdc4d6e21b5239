package io.podnet.pod;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pods as the network sees them ({@link PodEndpoint}), read with plain SQL rather than as
 * entities: a path request reads at most two, each with its node's name and the cluster's
 * routesVersion in one indexed statement, which keeps a trace close to the cost of a plain GET;
 * the cluster's script reads them all, a page at a time. Each statement stands on its own: it
 * runs in the caller's transaction if there is one, else on a pooled connection borrowed for it.
 */
@Repository
public class PodEndpoints {

	private static final String COLUMNS = "select c.id as cluster_id, c.created_at as cluster_created_at, c.routes_version, p.id, p.namespace, p.name,"
			+ " p.node_id, n.name as node_name, p.ip, p.ip_value, p.host_interface, p.containers, p.secondary_ip,"
			+ " p.secondary_ip_value"
			+ " from cluster c join pod p on p.cluster_id = c.id join node n on n.id = p.node_id";

	private static final String BY_NAME = COLUMNS + " where c.name = ? and p.namespace = ? and p.name = ?";

	private static final String BY_CLUSTER_ID_AND_NAME = COLUMNS + " where c.id = ? and p.namespace = ? and p.name = ?";

	private static final String BY_IP = COLUMNS + " where c.id = ? and p.ip_value = ?";

	private static final String BY_SECONDARY_IP = COLUMNS + " where c.id = ? and p.secondary_ip_value = ?";

	private static final String REST_OF_NAMESPACE = COLUMNS + " where c.id = ? and p.namespace = ? and p.name > ?"
			+ " order by p.cluster_id, p.namespace, p.name fetch first ? rows only";

	private static final String LATER_NAMESPACES = COLUMNS + " where c.id = ? and p.namespace > ?"
			+ " order by p.cluster_id, p.namespace, p.name fetch first ? rows only";

	private static final String ON_NODE = COLUMNS + " where p.node_id = ?"
			+ " order by p.node_id, p.namespace, p.name fetch first ? rows only";

	private static final String ON_NODE_IN_NAMESPACE = COLUMNS + " where p.node_id = ? and p.namespace = ?"
			+ " order by p.node_id, p.namespace, p.name fetch first ? rows only";

	private static final ContainersColumn CONTAINERS = new ContainersColumn();

	private final JdbcClient jdbc;

	PodEndpoints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Those of the named pods that exist in the cluster (none if the cluster does not). One
	 * statement per pod, each an equality lookup on uk_pod_name: an OR or a row-value IN of the two
	 * makes H2 scan the cluster's pods, and H2 re-plans a UNION on every execution.
	 */
	public List<PodEndpoint> find(String cluster, List<PodRef> pods) {
		List<PodEndpoint> found = new ArrayList<>(pods.size());
		for (PodRef pod : pods) {
			jdbc.sql(BY_NAME).param(1, cluster).param(2, pod.namespace()).param(3, pod.name())
					.query(PodEndpoints::row).optional().ifPresent(found::add);
		}
		return found;
	}

	public Optional<PodEndpoint> find(long clusterId, PodRef pod) {
		return jdbc.sql(BY_CLUSTER_ID_AND_NAME)
				.param(1, clusterId).param(2, pod.namespace()).param(3, pod.name())
				.query(PodEndpoints::row).optional();
	}

	public Optional<PodEndpoint> withIp(long clusterId, BigInteger ipValue) {
		return withIp(clusterId, false, ipValue);
	}

	/** The pod with that address in the cluster's first family, or with {@code secondary} in its second. */
	public Optional<PodEndpoint> withIp(long clusterId, boolean secondary, BigInteger ipValue) {
		return jdbc.sql(secondary ? BY_SECONDARY_IP : BY_IP).param(1, clusterId).param(2, new BigDecimal(ipValue))
				.query(PodEndpoints::row).optional();
	}

	/**
	 * Up to {@code limit} of the cluster's pods after (namespace, name), by namespace and name: a
	 * reader of every pod goes through them a page at a time, from ("", ""). Two index range scans,
	 * the rest of the namespace and then the namespaces after it (see PodRepository on why not one).
	 */
	public List<PodEndpoint> pageAfter(long clusterId, String namespace, String name, int limit) {
		List<PodEndpoint> page = new ArrayList<>(limit);
		if (!namespace.isEmpty()) {
			page.addAll(jdbc.sql(REST_OF_NAMESPACE).param(1, clusterId).param(2, namespace).param(3, name)
					.param(4, limit).query(PodEndpoints::row).list());
		}
		if (page.size() < limit) {
			page.addAll(jdbc.sql(LATER_NAMESPACES).param(1, clusterId).param(2, namespace).param(3, limit - page.size())
					.query(PodEndpoints::row).list());
		}
		return page;
	}

	/**
	 * The first {@code limit} pods of a node (of one namespace, if given), by namespace and name:
	 * one range scan of ix_pod_node_name, whatever the size of the cluster.
	 */
	public List<PodEndpoint> onNode(long nodeId, String namespace, int limit) {
		return namespace == null
				? jdbc.sql(ON_NODE).param(1, nodeId).param(2, limit).query(PodEndpoints::row).list()
				: jdbc.sql(ON_NODE_IN_NAMESPACE).param(1, nodeId).param(2, namespace).param(3, limit)
						.query(PodEndpoints::row).list();
	}

	private static PodEndpoint row(ResultSet rs, int rowNumber) throws SQLException {
		BigDecimal secondary = rs.getBigDecimal("secondary_ip_value");
		return new PodEndpoint(rs.getLong("cluster_id"),
				rs.getTimestamp("cluster_created_at").toInstant(), rs.getLong("routes_version"), rs.getLong("id"),
				rs.getString("namespace"), rs.getString("name"), rs.getLong("node_id"), rs.getString("node_name"),
				rs.getString("ip"), rs.getBigDecimal("ip_value").toBigIntegerExact(), rs.getString("host_interface"),
				CONTAINERS.convertToEntityAttribute(rs.getString("containers")), rs.getString("secondary_ip"),
				secondary == null ? null : secondary.toBigIntegerExact());
	}
}

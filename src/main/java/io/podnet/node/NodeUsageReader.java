package io.podnet.node;

import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every node's pod address usage, read from the pod counters this feature keeps with every pod
 * write (node_pods), not by counting pods: one row per node, 5,000 rows for the largest cluster.
 */
@Repository
public class NodeUsageReader {

	private static final String SELECT = "select np.cluster_id, np.node_name, np.pod_count, np.max_pods, n.pod_subnet"
			+ " from node_pods np join node n on n.id = np.node_id";

	private final JdbcClient jdbc;

	NodeUsageReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<NodeUsage> all() {
		return jdbc.sql(SELECT).query(NodeUsageReader::row).list();
	}

	/**
	 * One cluster's nodes, by name: 5,000 short rows for the largest cluster, no pod read. A node's
	 * capacity depends only on its subnet's family and size and the pod limit, the same for nearly
	 * every node of a cluster, so it is worked out once per kind rather than by parsing each subnet.
	 */
	public List<NodeUsage> ofCluster(long clusterId) {
		Map<String, Integer> capacities = new HashMap<>();
		return jdbc.sql(SELECT + " where np.cluster_id = ? order by np.cluster_id, np.node_name").param(1, clusterId)
				.query((rs, row) -> {
					String subnet = rs.getString("pod_subnet");
					int maxPods = rs.getInt("max_pods");
					String kind = (subnet.indexOf(':') >= 0 ? "6" : "4") + subnet.substring(subnet.indexOf('/')) + " "
							+ maxPods;
					int capacity = capacities.computeIfAbsent(kind, k -> HostPool.podAddresses(
							Addresses.parseNetwork("podSubnet", subnet)).capacity(maxPods));
					return new NodeUsage(rs.getLong("cluster_id"), rs.getString("node_name"), capacity,
							rs.getInt("pod_count"));
				}).list();
	}

	private static NodeUsage row(ResultSet rs, int row) throws SQLException {
		return new NodeUsage(rs.getLong("cluster_id"), rs.getString("node_name"),
				HostPool.podAddresses(Addresses.parseNetwork("podSubnet", rs.getString("pod_subnet")))
						.capacity(rs.getInt("max_pods")),
				rs.getInt("pod_count"));
	}
}

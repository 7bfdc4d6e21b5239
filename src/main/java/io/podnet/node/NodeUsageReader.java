package io.podnet.node;

import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every node's pod address usage, read from the pod counters this feature keeps with every pod
 * write (node_pods), not by counting pods: one row per node, 5,000 rows for the largest cluster.
 */
@Repository
public class NodeUsageReader {

	private final JdbcClient jdbc;

	NodeUsageReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<NodeUsage> all() {
		return jdbc.sql("select np.cluster_id, np.node_name, np.pod_count, np.max_pods, n.pod_subnet"
				+ " from node_pods np join node n on n.id = np.node_id")
				.query((rs, row) -> new NodeUsage(rs.getLong("cluster_id"), rs.getString("node_name"),
						HostPool.podAddresses(Addresses.parseNetwork("podSubnet", rs.getString("pod_subnet")))
								.capacity(rs.getInt("max_pods")),
						rs.getInt("pod_count")))
				.list();
	}
}

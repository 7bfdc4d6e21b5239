package io.podnet.cluster;

import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.SubnetPool;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A cluster's facts by name in one plain statement, for the hottest write (pod create), without an
 * entity; and every cluster's pools, for the metrics.
 */
@Repository
public class ClusterFactsReader {

	private final JdbcClient jdbc;

	ClusterFactsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ClusterFacts> byName(String name) {
		return jdbc.sql("select id, ip_family, max_pods_per_node from cluster where name = ?").param(1, name)
				.query((rs, row) -> ClusterFacts.of(rs)).optional();
	}

	/** Every cluster's pools, for the metrics: one statement, whatever the number of clusters. */
	public List<ClusterPools> pools() {
		return jdbc.sql("select id, name, node_network, gateway, pod_network, node_subnet_prefix_length from cluster")
				.query((rs, row) -> new ClusterPools(rs.getLong("id"), rs.getString("name"),
						new SubnetPool(Addresses.parseNetwork("podNetwork", rs.getString("pod_network")),
								rs.getInt("node_subnet_prefix_length")).total(),
						HostPool.nodeAddresses(Addresses.parseNetwork("nodeNetwork", rs.getString("node_network")),
								Addresses.parseAddress("gateway", rs.getString("gateway"))).usable()))
				.list();
	}
}

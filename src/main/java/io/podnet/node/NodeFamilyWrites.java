package io.podnet.node;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The node tables' part of adding or removing a cluster's second family ({@link NodeFamilies}):
 * every node's row and pod counters at once, in JDBC batches, on the caller's transaction. The
 * node entities already read are read again afterwards ({@link FreshNodes}).
 */
@Repository
class NodeFamilyWrites {

	private final JdbcTemplate jdbc;

	NodeFamilyWrites(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Each node's second-family address and subnet: rows of (address, address value, subnet, subnet
	 * value, node id); and its counters' copy of the subnet, with no address handed out yet: rows of
	 * (subnet, node id).
	 */
	void secondFamily(List<Object[]> nodeRows, List<Object[]> counterRows) {
		jdbc.batchUpdate("update node set secondary_address = ?, secondary_address_value = ?, secondary_pod_subnet = ?,"
				+ " secondary_pod_subnet_value = ? where id = ?", nodeRows);
		jdbc.batchUpdate("update node_pods set secondary_pod_subnet = ?, secondary_pod_address_cursor = null"
				+ " where node_id = ?", counterRows);
	}

	/** No node of the cluster has a second family any more. */
	void noSecondFamily(long clusterId) {
		jdbc.update("update node set secondary_address = null, secondary_address_value = null,"
				+ " secondary_pod_subnet = null, secondary_pod_subnet_value = null where cluster_id = ?", clusterId);
		jdbc.update("update node_pods set secondary_pod_subnet = null, secondary_pod_address_cursor = null"
				+ " where cluster_id = ?", clusterId);
	}
}

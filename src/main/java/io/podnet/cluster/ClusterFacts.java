package io.podnet.cluster;

import io.podnet.ipam.IpFamily;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What a pod create needs of its cluster, read with plain SQL; none of it changes after the cluster is created. */
public record ClusterFacts(long id, IpFamily ipFamily, int maxPodsPerNode) {

	/** The columns id, ip_family and max_pods_per_node of a row of the cluster table. */
	public static ClusterFacts of(ResultSet rs) throws SQLException {
		return new ClusterFacts(rs.getLong("id"), IpFamily.valueOf(rs.getString("ip_family")),
				rs.getInt("max_pods_per_node"));
	}
}

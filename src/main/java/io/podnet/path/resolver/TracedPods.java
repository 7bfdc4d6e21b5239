package io.podnet.path.resolver;

import io.podnet.path.resolver.TracedPod.PodRef;
import io.podnet.pod.ContainersColumn;
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
 * The pods a trace meets, read with plain SQL rather than as entities: a path request is a read
 * of at most two pods, and reading each, with its node's name and the cluster's routesVersion, in
 * one indexed statement without building entities is what keeps it close to the cost of a plain
 * GET (issue 6). Each statement stands on its own: it runs in the caller's transaction if there
 * is one, else on a pooled connection borrowed for it.
 */
@Repository
class TracedPods {

	private static final String COLUMNS = "select c.id as cluster_id, c.routes_version, p.id, p.namespace, p.name,"
			+ " p.node_id, n.name as node_name, p.ip, p.ip_value, p.host_interface, p.containers"
			+ " from cluster c join pod p on p.cluster_id = c.id join node n on n.id = p.node_id";

	private static final String BY_NAME = COLUMNS + " where c.name = ? and p.namespace = ? and p.name = ?";

	private static final String BY_CLUSTER_ID_AND_NAME = COLUMNS + " where c.id = ? and p.namespace = ? and p.name = ?";

	private static final String BY_IP = COLUMNS + " where c.id = ? and p.ip_value = ?";

	private static final ContainersColumn CONTAINERS = new ContainersColumn();

	private final JdbcClient jdbc;

	TracedPods(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Those of the named pods that exist in the cluster (none if the cluster does not). One
	 * statement per pod, each an equality lookup on uk_pod_name: an OR or a row-value IN of the two
	 * makes H2 scan the cluster's pods, and H2 re-plans a UNION on every execution.
	 */
	List<TracedPod> find(String cluster, List<PodRef> pods) {
		List<TracedPod> found = new ArrayList<>(pods.size());
		for (PodRef pod : pods) {
			jdbc.sql(BY_NAME).param(1, cluster).param(2, pod.namespace()).param(3, pod.name())
					.query(TracedPods::row).optional().ifPresent(found::add);
		}
		return found;
	}

	Optional<TracedPod> find(long clusterId, PodRef pod) {
		return jdbc.sql(BY_CLUSTER_ID_AND_NAME)
				.param(1, clusterId).param(2, pod.namespace()).param(3, pod.name())
				.query(TracedPods::row).optional();
	}

	Optional<TracedPod> withIp(long clusterId, BigInteger ipValue) {
		return jdbc.sql(BY_IP).param(1, clusterId).param(2, new BigDecimal(ipValue))
				.query(TracedPods::row).optional();
	}

	private static TracedPod row(ResultSet rs, int rowNumber) throws SQLException {
		return new TracedPod(rs.getLong("cluster_id"), rs.getLong("routes_version"), rs.getLong("id"),
				rs.getString("namespace"), rs.getString("name"), rs.getLong("node_id"), rs.getString("node_name"),
				rs.getString("ip"), rs.getBigDecimal("ip_value").toBigIntegerExact(), rs.getString("host_interface"),
				CONTAINERS.convertToEntityAttribute(rs.getString("containers")));
	}
}

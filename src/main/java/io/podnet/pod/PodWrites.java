package io.podnet.pod;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;


/**
 * The pod table's part of a pod create, in plain SQL rather than through entities: it is the
 * hottest write, and persisting the pod through Hibernate and dirty-checking at flush cost a
 * noticeable share of its CPU (bench/design-notes.md). The statements run on the connection
 * of the caller's transaction; nothing of the create is in the persistence context, so no entity
 * there can go stale. The node's part is {@link io.podnet.node.PodTargets} and
 * {@link io.podnet.node.NodePodCounters}.
 */
@Repository
class PodWrites {

	private static final ContainersColumn CONTAINERS = new ContainersColumn();

	/** A pod row to insert. */
	record NewPod(long clusterId, long nodeId, String namespace, String name, String ip, BigInteger ipValue,
			String hostInterface, List<Container> containers, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	PodWrites(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

package io.podnet.pod;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import io.podnet.labels.Labels;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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
			String secondaryIp, BigInteger secondaryIpValue, String hostInterface, List<Container> containers, Instant createdAt, SortedMap<String, String> labels,
			SortedMap<String, String> annotations) {
	}

	/** A pod's labels, annotations and version, read under its node's lock. */
	record Metadata(long version, SortedMap<String, String> labels, SortedMap<String, String> annotations) {
	}

	private final JdbcClient jdbc;
	private final PodLabels labels;

	PodWrites(JdbcClient jdbc, PodLabels labels) {
		this.jdbc = jdbc;
		this.labels = labels;
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

	/** As {@link #ipValuesBetween}, for the second family's addresses: answered by uk_pod_secondary_ip. */
	List<BigInteger> secondaryIpValuesBetween(long clusterId, BigInteger from, BigInteger to, int limit) {
		return jdbc.sql("select secondary_ip_value from pod where cluster_id = ? and secondary_ip_value between ? and ?"
				+ " order by secondary_ip_value fetch first ? rows only")
				.param(1, clusterId).param(2, new BigDecimal(from)).param(3, new BigDecimal(to)).param(4, limit)
				.query((rs, row) -> rs.getBigDecimal(1).toBigIntegerExact()).list();
	}

	/**
	 * Inserts the pod at version 0, where every row starts, and its labels' rows in the selector
	 * index; a taken name or veth name breaks a constraint.
	 */
	void insert(NewPod pod) {
		var statement = jdbc.sql("insert into pod (cluster_id, node_id, namespace, name, ip, ip_value, host_interface,"
				+ " containers, version, created_at, labels, annotations, secondary_ip, secondary_ip_value)"
				+ " values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)")
				.param(1, pod.clusterId()).param(2, pod.nodeId()).param(3, pod.namespace()).param(4, pod.name())
				.param(5, pod.ip()).param(6, new BigDecimal(pod.ipValue())).param(7, pod.hostInterface())
				.param(8, CONTAINERS.convertToDatabaseColumn(pod.containers()))
				.param(9, OffsetDateTime.ofInstant(pod.createdAt(), ZoneOffset.UTC))
				.param(10, Labels.toColumn(pod.labels())).param(11, Labels.toColumn(pod.annotations()))
				.param(12, pod.secondaryIp(), Types.VARCHAR)
				.param(13, pod.secondaryIpValue() == null ? null : new BigDecimal(pod.secondaryIpValue()), Types.NUMERIC);
		if (pod.labels().isEmpty()) {
			statement.update();
			return;
		}
		KeyHolder id = new GeneratedKeyHolder();
		statement.update(id, "id");
		labels.insert(id.getKey().longValue(), pod.clusterId(), pod.namespace(), pod.name(), pod.labels());
	}

	/** The pod's labels, annotations and version; empty if it is gone. The caller holds its node's lock. */
	Optional<Metadata> metadata(long podId) {
		return jdbc.sql("select version, labels, annotations from pod where id = ?").param(1, podId)
				.query((rs, row) -> new Metadata(rs.getLong("version"), Labels.fromColumn(rs.getString("labels")),
						Labels.fromColumn(rs.getString("annotations"))))
				.optional();
	}

	/** New labels and annotations for the pod, and its next version; the caller holds its node's lock. */
	void relabel(Pod pod, Metadata current, SortedMap<String, String> newLabels,
			SortedMap<String, String> newAnnotations) {
		jdbc.sql("update pod set labels = ?, annotations = ?, version = version + 1 where id = ?")
				.param(1, Labels.toColumn(newLabels)).param(2, Labels.toColumn(newAnnotations)).param(3, pod.getId())
				.update();
		if (!newLabels.equals(current.labels())) {
			labels.replace(pod.getId(), pod.getCluster().getId(), pod.getNamespace(), pod.getName(), current.labels(),
					newLabels);
		}
	}

	/** Deletes the pod (its labels' rows go with it); the caller holds its node's lock. */
	void delete(long podId) {
		jdbc.sql("delete from pod where id = ?").param(1, podId).update();
	}
}

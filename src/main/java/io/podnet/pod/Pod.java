package io.podnet.pod;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.node.Node;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import org.hibernate.annotations.Immutable;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedMap;
import io.podnet.labels.Labels;

/**
 * A pod: containers sharing one network namespace, held by the pause container, with one IP on
 * eth0 from its node's pod subnet and a veth whose host end sits on the node's cbr0 bridge.
 * Written once and deleted, never updated: Hibernate keeps no snapshot of a loaded pod (its
 * containers would be copied through JSON for it) and never dirty-checks one.
 */
@Entity
@Immutable
public class Pod {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "cluster_id")
	private Cluster cluster;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "node_id")
	private Node node;

	private String namespace;

	private String name;

	private String ip;

	@Column(precision = 39)
	private BigInteger ipValue;

	/** Its address in the cluster's second family, in a dual-stack cluster (V12). */
	private String secondaryIp;

	@Column(precision = 39)
	private BigInteger secondaryIpValue;

	private String hostInterface;

	@Convert(converter = ContainersColumn.class)
	private List<Container> containers;

	@Version
	private long version;

	private Instant createdAt;

	/** JSON, see {@link Labels}; changed only by a merge patch, through {@link PodWrites}. */
	private String labels;

	private String annotations;

	protected Pod() {
	}

	Pod(Node node, String namespace, String name, IPAddress ip, String hostInterface, List<Container> containers) {
		this.cluster = node.getCluster();
		this.node = node;
		this.namespace = namespace;
		this.name = name;
		this.ip = Addresses.format(ip);
		this.ipValue = Addresses.valueOf(ip);
		this.hostInterface = hostInterface;
		this.containers = List.copyOf(containers);
		// microseconds: what both databases keep, so a GET shows what the POST answered
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/** The pod's own route table: per family, default via its node's bridge, the node's pod subnet on eth0. */
	public List<Route> routes() {
		return node.families().stream().flatMap(family -> RouteTables.pod(family.podSubnet()).stream()).toList();
	}

	/** Its address in each family, primary first, as Kubernetes' status.podIPs. */
	public List<String> ips() {
		return secondaryIp == null ? List.of(ip) : List.of(ip, secondaryIp);
	}

	/** "default/web", as kubectl names a pod across namespaces. */
	public String qualifiedName() {
		return namespace + "/" + name;
	}

	public SortedMap<String, String> labels() {
		return Labels.fromColumn(labels);
	}

	public SortedMap<String, String> annotations() {
		return Labels.fromColumn(annotations);
	}

	public Long getId() {
		return id;
	}

	public Cluster getCluster() {
		return cluster;
	}

	public Node getNode() {
		return node;
	}

	public String getNamespace() {
		return namespace;
	}

	public String getName() {
		return name;
	}

	public String getIp() {
		return ip;
	}

	public BigInteger getIpValue() {
		return ipValue;
	}

	public String getSecondaryIp() {
		return secondaryIp;
	}

	public String getHostInterface() {
		return hostInterface;
	}

	public List<Container> getContainers() {
		return containers;
	}

	public long getVersion() {
		return version;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}

package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.SecondaryRow;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedMap;
import io.podnet.labels.Labels;

/**
 * A node: eth0 on the node network, and a cbr0 bridge holding the first address of its own pod
 * subnet. The row is written once and deleted, never updated. Its pod count and version live in
 * the node's row of node_pods, read here with it and written only by the pod writers through
 * {@link NodePodCounters}.
 */
@Entity
@Immutable
@SecondaryTable(name = "node_pods", pkJoinColumns = @PrimaryKeyJoinColumn(name = "node_id"))
@SecondaryRow(table = "node_pods", owned = false, optional = false)
public class Node {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "cluster_id")
	private Cluster cluster;

	private String name;

	private String address;

	@Column(precision = 39)
	private BigInteger addressValue;

	private String podSubnet;

	@Column(precision = 39)
	private BigInteger podSubnetValue;

	@Column(table = "node_pods", insertable = false, updatable = false)
	private int podCount;

	/** The cluster's maxPodsPerNode, copied where pod creates read it under lock (V10). */
	@Column(table = "node_pods", insertable = false, updatable = false)
	private int maxPods;

	/** The node's version: bumped with every pod added or removed (V7). */
	@Column(table = "node_pods", insertable = false, updatable = false)
	private long version;

	private Instant createdAt;

	/** JSON, see {@link Labels}; changed only by a merge patch, through {@link NodeMetadata}. */
	private String labels;

	private String annotations;

	protected Node() {
	}

	Node(Cluster cluster, String name, IPAddress address, IPAddress podSubnet, SortedMap<String, String> labels,
			SortedMap<String, String> annotations) {
		this.cluster = cluster;
		this.labels = Labels.toColumn(labels);
		this.annotations = Labels.toColumn(annotations);
		this.name = name;
		this.address = Addresses.format(address);
		this.addressValue = Addresses.valueOf(address);
		this.podSubnet = Addresses.format(podSubnet);
		this.podSubnetValue = Addresses.valueOf(podSubnet);
		// as NodePodCounters.insert writes it, for the answer to the create
		this.maxPods = cluster.getMaxPodsPerNode();
		// microseconds: what both databases keep, so a GET shows what the POST answered
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public IPAddress podSubnetBlock() {
		return Addresses.parseNetwork("podSubnet", podSubnet);
	}

	public HostPool podAddresses() {
		return HostPool.podAddresses(podSubnetBlock());
	}

	/** The bridge (cbr0) holds the first usable address of the pod subnet: every pod's gateway. */
	public String bridgeAddress() {
		return Addresses.format(RouteTables.bridgeAddress(podSubnetBlock()));
	}

	/** The node's own route table: default via the gateway, the node network on eth0, its pod subnet on cbr0. */
	public List<Route> routes() {
		return RouteTables.node(cluster.gatewayAddress(), cluster.nodeNetworkBlock(), podSubnetBlock());
	}

	/** Pods this node can hold: the cluster's maxPodsPerNode, or fewer if the subnet is smaller. */
	public int podCapacity() {
		return podAddresses().capacity(maxPods);
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

	public String getName() {
		return name;
	}

	public String getAddress() {
		return address;
	}

	public BigInteger getAddressValue() {
		return addressValue;
	}

	public String getPodSubnet() {
		return podSubnet;
	}

	public BigInteger getPodSubnetValue() {
		return podSubnetValue;
	}

	public int getPodCount() {
		return podCount;
	}

	public long getVersion() {
		return version;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}

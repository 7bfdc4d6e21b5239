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
import io.podnet.cluster.ClusterNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

	/** The second family's address and pod subnet, in a dual-stack cluster (V12). */
	private String secondaryAddress;

	@Column(precision = 39)
	private BigInteger secondaryAddressValue;

	private String secondaryPodSubnet;

	@Column(precision = 39)
	private BigInteger secondaryPodSubnetValue;

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

	/** A node with one {@link NodeFamily} per family of its cluster, primary first. */
	Node(Cluster cluster, String name, List<NodeFamily> families, SortedMap<String, String> labels,
			SortedMap<String, String> annotations) {
		this.cluster = cluster;
		this.labels = Labels.toColumn(labels);
		this.annotations = Labels.toColumn(annotations);
		this.name = name;
		NodeFamily primary = families.get(0);
		this.address = Addresses.format(primary.address());
		this.addressValue = Addresses.valueOf(primary.address());
		this.podSubnet = Addresses.format(primary.podSubnet());
		this.podSubnetValue = Addresses.valueOf(primary.podSubnet());
		if (families.size() > 1) {
			NodeFamily secondary = families.get(1);
			this.secondaryAddress = Addresses.format(secondary.address());
			this.secondaryAddressValue = Addresses.valueOf(secondary.address());
			this.secondaryPodSubnet = Addresses.format(secondary.podSubnet());
			this.secondaryPodSubnetValue = Addresses.valueOf(secondary.podSubnet());
		}
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

	/** Its addresses in each family of its cluster, primary first. */
	public List<NodeFamily> families() {
		NodeFamily primary = NodeFamily.of(address, podSubnet);
		return secondaryPodSubnet == null ? List.of(primary)
				: List.of(primary, NodeFamily.of(secondaryAddress, secondaryPodSubnet));
	}

	/** Its second family's addresses, in a dual-stack cluster. */
	public Optional<NodeFamily> secondary() {
		return secondaryPodSubnet == null ? Optional.empty()
				: Optional.of(NodeFamily.of(secondaryAddress, secondaryPodSubnet));
	}

	/** The bridge (cbr0) holds the first usable address of the pod subnet: every pod's gateway. */
	public String bridgeAddress() {
		return Addresses.format(RouteTables.bridgeAddress(podSubnetBlock()));
	}

	/**
	 * The node's own route table: per family of the cluster, default via that family's gateway, the
	 * node network on eth0, its pod subnet on cbr0.
	 */
	public List<Route> routes() {
		List<ClusterNetworks> plans = cluster.families();
		List<NodeFamily> mine = families();
		List<Route> table = new ArrayList<>();
		for (int i = 0; i < mine.size() && i < plans.size(); i++) {
			table.addAll(RouteTables.node(plans.get(i).gateway(), plans.get(i).nodeNetwork(), mine.get(i).podSubnet()));
		}
		return table;
	}

	/** Pods this node can hold: the cluster's maxPodsPerNode, or fewer if a family's subnet is smaller. */
	public int podCapacity() {
		return families().stream().mapToInt(family -> family.podAddresses().capacity(maxPods)).min().orElseThrow();
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

	public String getSecondaryAddress() {
		return secondaryAddress;
	}

	public String getSecondaryPodSubnet() {
		return secondaryPodSubnet;
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

package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.IpFamily;
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
import io.podnet.routing.RouteType;
import io.podnet.routing.RouteView;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A node: eth0 on the node network, and a cbr0 bridge holding the first address of its own pod
 * subnet. The row is written once and deleted, never updated. Its pod count and version live in
 * the node's row of node_pods, read here with it and written only by the pod writers through
 * {@link NodePods}.
 */
@Entity
@Immutable
@SecondaryTable(name = "node_pods", pkJoinColumns = @PrimaryKeyJoinColumn(name = "node_id"))
@SecondaryRow(table = "node_pods", owned = false, optional = false)
public class Node {

	/** Every node's bridge has this name, as kubenet names it. */
	public static final String BRIDGE = "cbr0";
	/** The node's interface on the node network. */
	public static final String UPLINK = "eth0";

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

	/** The node's version: bumped with every pod added or removed (V7). */
	@Column(table = "node_pods", insertable = false, updatable = false)
	private long version;

	private Instant createdAt;

	protected Node() {
	}

	Node(Cluster cluster, String name, IPAddress address, IPAddress podSubnet) {
		this.cluster = cluster;
		this.name = name;
		this.address = Addresses.format(address);
		this.addressValue = Addresses.valueOf(address);
		this.podSubnet = Addresses.format(podSubnet);
		this.podSubnetValue = Addresses.valueOf(podSubnet);
		// microseconds: what both databases keep, so a GET shows what the POST answered
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public HostPool podAddresses() {
		return podAddresses(podSubnet);
	}

	/** The pod IPs a node with that pod subnet (as stored, e.g. 10.244.0.0/24) hands out. */
	public static HostPool podAddresses(String podSubnet) {
		return HostPool.podAddresses(Addresses.parseNetwork("podSubnet", podSubnet));
	}

	/** The bridge (cbr0) holds the first usable address of the pod subnet: every pod's gateway. */
	public String bridgeAddress() {
		return bridgeAddress(cluster.getIpFamily(), podSubnetValue);
	}

	/** The bridge address of a node with that pod subnet (given by its network address's value). */
	public static String bridgeAddress(IpFamily family, BigInteger podSubnetValue) {
		return Addresses.format(Addresses.fromValue(family, podSubnetValue.add(BigInteger.ONE)));
	}

	/** The node's own route table: default via the gateway, the node network on eth0, its pod subnet on cbr0. */
	public List<RouteView> routes() {
		return List.of(
				new RouteView(cluster.getIpFamily().defaultDestination(), cluster.getGateway(), UPLINK, null,
						RouteType.DEFAULT),
				new RouteView(cluster.getNodeNetwork(), null, UPLINK, null, RouteType.CONNECTED),
				new RouteView(podSubnet, null, BRIDGE, null, RouteType.CONNECTED));
	}

	/** Pods this node can hold: the cluster's maxPodsPerNode, or fewer if the subnet is smaller. */
	public int podCapacity() {
		return podCapacity(podAddresses(), cluster.getMaxPodsPerNode());
	}

	/** The pod capacity of a node with those pod addresses in a cluster allowing maxPodsPerNode. */
	public static int podCapacity(HostPool podAddresses, int maxPodsPerNode) {
		return podAddresses.usable().min(BigInteger.valueOf(maxPodsPerNode)).intValueExact();
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

package io.podnet.cluster;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SubnetPool;
import io.podnet.labels.Labels;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A cluster: a node network with its gateway, and a pod network carved into one subnet per node.
 * Holds the next-fit cursors of its node subnet and node address allocators, so the position
 * survives restarts; writers lock this row while they allocate.
 */
@Entity
public class Cluster {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Enumerated(EnumType.STRING)
	private IpFamily ipFamily;

	private String nodeNetwork;

	private String gateway;

	private String podNetwork;

	private int nodeSubnetPrefixLength;

	private int maxPodsPerNode;

	@Column(precision = 39)
	private BigInteger nodeSubnetCursor;

	@Column(precision = 39)
	private BigInteger nodeAddressCursor;

	/** The second address family of a dual-stack cluster (V12); all null for a single-stack one. */
	private String secondaryNodeNetwork;

	private String secondaryGateway;

	private String secondaryPodNetwork;

	private Integer secondaryNodeSubnetPrefixLength;

	@Column(precision = 39)
	private BigInteger secondaryNodeSubnetCursor;

	@Column(precision = 39)
	private BigInteger secondaryNodeAddressCursor;

	/** Counts changes to the gateway routes and the node set; see {@link #routesChanged()}. */
	private long routesVersion;

	@Version
	private long version;

	private Instant createdAt;

	/** JSON, see {@link Labels}. */
	private String labels;

	private String annotations;

	protected Cluster() {
	}

	Cluster(String name, List<ClusterNetworks> families, int maxPodsPerNode, SortedMap<String, String> labels,
			SortedMap<String, String> annotations) {
		ClusterNetworks networks = families.get(0);
		if (families.size() > 1) {
			addSecondary(families.get(1));
		}
		this.name = name;
		this.labels = Labels.toColumn(labels);
		this.annotations = Labels.toColumn(annotations);
		this.ipFamily = IpFamily.of(networks.nodeNetwork());
		this.nodeNetwork = Addresses.format(networks.nodeNetwork());
		this.gateway = Addresses.format(networks.gateway());
		this.podNetwork = Addresses.format(networks.podNetwork());
		this.nodeSubnetPrefixLength = networks.nodeSubnetPrefixLength();
		this.maxPodsPerNode = maxPodsPerNode;
		// microseconds: what both databases keep, so a GET shows what the POST answered
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public SubnetPool nodeSubnets() {
		return new SubnetPool(Addresses.parseNetwork("podNetwork", podNetwork), nodeSubnetPrefixLength);
	}

	/** The primary family's plan. */
	public ClusterNetworks primary() {
		return new ClusterNetworks(nodeNetworkBlock(), gatewayAddress(), Addresses.parseNetwork("podNetwork", podNetwork),
				nodeSubnetPrefixLength);
	}

	/** The second family's plan, in a dual-stack cluster. */
	public Optional<ClusterNetworks> secondary() {
		if (secondaryPodNetwork == null) {
			return Optional.empty();
		}
		return Optional.of(new ClusterNetworks(Addresses.parseNetwork("nodeNetwork", secondaryNodeNetwork),
				Addresses.parseAddress("gateway", secondaryGateway),
				Addresses.parseNetwork("podNetwork", secondaryPodNetwork), secondaryNodeSubnetPrefixLength));
	}

	/** Every family's plan, primary first: one for a single-stack cluster, two for a dual-stack one. */
	public List<ClusterNetworks> families() {
		ClusterNetworks primary = primary();
		return secondary().map(second -> List.of(primary, second)).orElseGet(() -> List.of(primary));
	}

	public boolean isDualStack() {
		return secondaryPodNetwork != null;
	}

	/** Adds a second address family; the caller has checked it is the other family. */
	void addSecondary(ClusterNetworks networks) {
		this.secondaryNodeNetwork = Addresses.format(networks.nodeNetwork());
		this.secondaryGateway = Addresses.format(networks.gateway());
		this.secondaryPodNetwork = Addresses.format(networks.podNetwork());
		this.secondaryNodeSubnetPrefixLength = networks.nodeSubnetPrefixLength();
		this.secondaryNodeSubnetCursor = null;
		this.secondaryNodeAddressCursor = null;
	}

	/** Drops the second address family; the caller has removed it from every node, route and pod. */
	void removeSecondary() {
		this.secondaryNodeNetwork = null;
		this.secondaryGateway = null;
		this.secondaryPodNetwork = null;
		this.secondaryNodeSubnetPrefixLength = null;
		this.secondaryNodeSubnetCursor = null;
		this.secondaryNodeAddressCursor = null;
	}

	/**
	 * The next-fit cursor of that family's node subnets: only automatic allocations move it, as in
	 * Kubernetes' cidrset.
	 */
	public BigInteger nodeSubnetCursor(boolean secondary) {
		return secondary ? secondaryNodeSubnetCursor : nodeSubnetCursor;
	}

	public BigInteger nodeAddressCursor(boolean secondary) {
		return secondary ? secondaryNodeAddressCursor : nodeAddressCursor;
	}

	public void nodeSubnetAllocated(boolean secondary, BigInteger value) {
		if (secondary) {
			this.secondaryNodeSubnetCursor = value;
		} else {
			this.nodeSubnetCursor = value;
		}
	}

	public void nodeAddressAllocated(boolean secondary, BigInteger value) {
		if (secondary) {
			this.secondaryNodeAddressCursor = value;
		} else {
			this.nodeAddressCursor = value;
		}
	}

	public HostPool nodeAddresses() {
		return HostPool.nodeAddresses(nodeNetworkBlock(), gatewayAddress());
	}

	public IPAddress nodeNetworkBlock() {
		return Addresses.parseNetwork("nodeNetwork", nodeNetwork);
	}

	public IPAddress gatewayAddress() {
		return Addresses.parseAddress("gateway", gateway);
	}

	/**
	 * Marks a change to the gateway routes or the node set. Callers hold this row's lock, so the
	 * count never loses an increment; caches of routing state compare it to know they are current.
	 */
	public void routesChanged() {
		routesVersion++;
	}

	/** New labels and annotations, already checked; the version moves on at commit. */
	void relabel(SortedMap<String, String> labels, SortedMap<String, String> annotations) {
		this.labels = Labels.toColumn(labels);
		this.annotations = Labels.toColumn(annotations);
	}

	/** A new bound on the pods of each node; the caller has checked that no node holds more. */
	void limitPodsPerNode(int maxPodsPerNode) {
		this.maxPodsPerNode = maxPodsPerNode;
	}

	public SortedMap<String, String> labels() {
		return Labels.fromColumn(labels);
	}

	public SortedMap<String, String> annotations() {
		return Labels.fromColumn(annotations);
	}

	public long getRoutesVersion() {
		return routesVersion;
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public IpFamily getIpFamily() {
		return ipFamily;
	}

	public String getNodeNetwork() {
		return nodeNetwork;
	}

	public String getGateway() {
		return gateway;
	}

	public String getPodNetwork() {
		return podNetwork;
	}

	public int getNodeSubnetPrefixLength() {
		return nodeSubnetPrefixLength;
	}

	public int getMaxPodsPerNode() {
		return maxPodsPerNode;
	}

	public long getVersion() {
		return version;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}

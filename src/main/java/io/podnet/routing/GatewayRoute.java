package io.podnet.routing;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.node.NodeFamily;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import io.podnet.node.Node;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import java.math.BigInteger;

/** One stored route of a cluster's gateway. The connected route of the node network is implied. */
@Entity
public class GatewayRoute {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "cluster_id")
	private Cluster cluster;

	private String destination;

	@Column(precision = 39)
	private BigInteger destinationValue;

	private int prefixLength;

	/** 0.0.0.0/8 and ::/8 share value and prefix length: the family tells them apart (V12). */
	@Enumerated(EnumType.STRING)
	private IpFamily ipFamily;

	@Enumerated(EnumType.STRING)
	private RouteKind type;

	private String nextHop;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "node_id")
	private Node node;

	@Version
	private long version;

	protected GatewayRoute() {
	}

	private GatewayRoute(Cluster cluster, IPAddress destination, RouteKind type, String nextHop, Node node) {
		this.cluster = cluster;
		this.destination = Addresses.format(destination);
		this.destinationValue = Addresses.valueOf(destination);
		this.prefixLength = destination.getNetworkPrefixLength();
		this.ipFamily = IpFamily.of(destination);
		this.type = type;
		this.nextHop = nextHop;
		this.node = node;
	}

	/** "10.244.1.0/24 via 10.100.0.3": a node's pod subnet of one family, reached through that node's address in it. */
	static GatewayRoute forNode(Node node, NodeFamily family) {
		return new GatewayRoute(node.getCluster(), family.podSubnet(), RouteKind.NODE,
				Addresses.format(family.address()), node);
	}

	/** A route a user added: STATIC via a next hop, BLACKHOLE or EXTERNAL. */
	static GatewayRoute user(Cluster cluster, IPAddress destination, RouteKind type, IPAddress nextHop) {
		return new GatewayRoute(cluster, destination, type, nextHop == null ? null : Addresses.format(nextHop), null);
	}

	public String getDestination() {
		return destination;
	}

	public BigInteger getDestinationValue() {
		return destinationValue;
	}

	public IpFamily getIpFamily() {
		return ipFamily;
	}

	public int getPrefixLength() {
		return prefixLength;
	}

	/**
	 * The route as the gateway has it. Via routes leave by eth0, the gateway's only interface;
	 * EXTERNAL ones by its uplink, which podnet does not model.
	 */
	public Route toRoute() {
		IPAddress network = Addresses.parseNetwork("destination", destination);
		return switch (type) {
			case NODE -> Route.toNode(network, Addresses.parseAddress("nextHop", nextHop), Kubenet.UPLINK, node.getName());
			case STATIC -> new Route(network, RouteKind.STATIC, Addresses.parseAddress("nextHop", nextHop), Kubenet.UPLINK,
					null);
			case BLACKHOLE -> Route.blackhole(network);
			case EXTERNAL -> Route.external(network, null);
			default -> throw new IllegalStateException("a gateway never stores a " + type + " route");
		};
	}

	public RouteKind getType() {
		return type;
	}

	public String getNextHop() {
		return nextHop;
	}

	public Cluster getCluster() {
		return cluster;
	}

	public Node getNode() {
		return node;
	}

	public long getVersion() {
		return version;
	}
}

package io.podnet.paths;

import java.time.Instant;
import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.node.NodeFamily;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.RouteTables;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.node.Node;
import io.podnet.path.Attachment;
import io.podnet.path.Device;
import io.podnet.path.Interface;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTable;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routers of one cluster at one {@code routesVersion}, in one address family: the gateway with
 * its whole route table of that family (one route per node, so thousands) and every node, indexed by
 * name, by address and by bridge segment. A packet never changes family on its way (there is no
 * NAT64 here), so a trace runs entirely in one family's routers; a dual-stack cluster has two
 * ({@link RouterSet}). Built from the database once per change of the routes or the node set, then shared by
 * every trace until the next change; immutable, so safe across threads. Pods are not in it: there
 * are many more of them and a trace meets at most two.
 */
final class Routers {

	static final String GATEWAY = "gateway";
	static final String NODE_NETWORK = "node network";
	/** A node's bridge segment is named "node-1 cbr0": it reads well in explanations. */
	private static final String BRIDGE_SUFFIX = " " + Kubenet.BRIDGE;

	/** What a trace needs of a node besides its device: the route table its pods share, built once. */
	record NodeEntry(long id, Device device, List<Route> podRoutes, RouteTable podTable) {

		NodeEntry(long id, Device device, List<Route> podRoutes) {
			this(id, device, podRoutes, new RouteTable(podRoutes));
		}
	}

	private final long routesVersion;
	private final Instant clusterCreatedAt;
	private final IpFamily ipFamily;
	private final boolean secondary;
	private final int nodeSubnetPrefixLength;
	private final Device gateway;
	private final Map<String, NodeEntry> nodesByName = new HashMap<>();
	private final Map<Long, NodeEntry> nodesById = new HashMap<>();
	private final Map<BigInteger, NodeEntry> nodesByAddress = new HashMap<>();
	private final Map<String, RouteTable> tables = new HashMap<>();

	/**
	 * The routers of the cluster's family at {@code familyIndex} (0: the primary): the gateway's table
	 * (of every family) and each node's are narrowed to that family.
	 */
	Routers(Cluster cluster, int familyIndex, List<Route> gatewayTable, List<Node> nodes) {
		ClusterNetworks plan = cluster.families().get(familyIndex);
		this.routesVersion = cluster.getRoutesVersion();
		this.clusterCreatedAt = cluster.getCreatedAt();
		this.ipFamily = plan.family();
		this.secondary = familyIndex > 0;
		this.nodeSubnetPrefixLength = plan.nodeSubnetPrefixLength();
		int nodeNetworkPrefix = plan.nodeNetwork().getNetworkPrefixLength();
		IPAddress gatewayEth0 = plan.gateway().setPrefixLength(nodeNetworkPrefix, false);
		this.gateway = Device.gateway(GATEWAY, List.of(Interface.ethernet(Kubenet.UPLINK, gatewayEth0, NODE_NETWORK)),
				inFamily(gatewayTable));
		tables.put(GATEWAY, new RouteTable(gateway.routes()));
		for (Node node : nodes) {
			NodeFamily addresses = node.families().get(familyIndex);
			IPAddress eth0 = addresses.address().setPrefixLength(nodeNetworkPrefix, false);
			IPAddress cbr0 = addresses.bridgeAddress().setPrefixLength(nodeSubnetPrefixLength, false);
			Device device = Device.node(node.getName(), List.of(Interface.ethernet(Kubenet.UPLINK, eth0, NODE_NETWORK),
					Interface.bridge(Kubenet.BRIDGE, cbr0, bridgeSegment(node.getName()))), inFamily(node.routes()));
			NodeEntry entry = new NodeEntry(node.getId(), device, RouteTables.pod(addresses.podSubnet()));
			nodesByName.put(node.getName(), entry);
			nodesById.put(node.getId(), entry);
			nodesByAddress.put(Addresses.valueOf(addresses.address()), entry);
			tables.put(node.getName(), new RouteTable(device.routes()));
		}
	}

	private List<Route> inFamily(List<Route> routes) {
		return routes.stream().filter(route -> IpFamily.of(route.destination()) == ipFamily).toList();
	}

	long routesVersion() {
		return routesVersion;
	}

	Instant createdAt() {
		return clusterCreatedAt;
	}

	/** Whether this is a snapshot of the cluster created then, at that routesVersion or later. */
	boolean serves(Instant createdAt, long version) {
		return clusterCreatedAt.equals(createdAt) && routesVersion >= version;
	}

	IpFamily ipFamily() {
		return ipFamily;
	}

	/** Whether these are the routers of the cluster's second family, whose addresses are in the secondary columns. */
	boolean secondary() {
		return secondary;
	}

	/** The prefix length of every node's pod subnet, and so of every pod's eth0. */
	int nodeSubnetPrefixLength() {
		return nodeSubnetPrefixLength;
	}

	static String bridgeSegment(String nodeName) {
		return nodeName + BRIDGE_SUFFIX;
	}

	Device gateway() {
		return gateway;
	}

	Optional<NodeEntry> node(String name) {
		return Optional.ofNullable(nodesByName.get(name));
	}

	/** The node with that id, if it is in this snapshot. */
	Optional<NodeEntry> node(long id) {
		return Optional.ofNullable(nodesById.get(id));
	}

	/** The node whose bridge forms that segment. */
	Optional<NodeEntry> nodeOfBridge(String segment) {
		if (!segment.endsWith(BRIDGE_SUFFIX)) {
			return Optional.empty();
		}
		return node(segment.substring(0, segment.length() - BRIDGE_SUFFIX.length()));
	}

	/** Who owns that address on the node network: the gateway or a node. */
	Optional<Attachment> onNodeNetwork(IPAddress address) {
		Interface gatewayEth0 = gateway.interfaces().get(0);
		if (gatewayEth0.address().equals(address)) {
			return Optional.of(new Attachment(gateway, gatewayEth0));
		}
		return Optional.ofNullable(nodesByAddress.get(Addresses.valueOf(address)))
				.flatMap(entry -> attachment(entry.device(), Kubenet.UPLINK));
	}

	/** The route table of the gateway or a node; null for any other device. */
	RouteTable table(String deviceName) {
		return tables.get(deviceName);
	}

	static Optional<Attachment> attachment(Device device, String interfaceName) {
		return device.interfaceNamed(interfaceName).map(attached -> new Attachment(device, attached));
	}
}

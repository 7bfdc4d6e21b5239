package io.podnet.path.resolver;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.node.Node;
import io.podnet.node.NodeRepository;
import io.podnet.path.Attachment;
import io.podnet.path.ContainerPort;
import io.podnet.path.Device;
import io.podnet.path.Interface;
import io.podnet.path.Network;
import io.podnet.path.Protocol;
import io.podnet.path.Route;
import io.podnet.path.RouteTable;
import io.podnet.pod.Pod;
import io.podnet.pod.PodRepository;
import io.podnet.routing.RouteService;
import io.podnet.routing.RouteType;
import io.podnet.routing.RouteView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's network as the path tracer sees it, read from the database on demand during one
 * trace: only the devices the packet actually meets are loaded. Every device's route table is the
 * same one the API shows for it (gateway, node and pod tables), so a route change changes the
 * answer. Not thread-safe; one instance per trace, inside one read-only transaction.
 */
final class ClusterNetwork implements Network {

	static final String GATEWAY = "gateway";
	static final String NODE_NETWORK = "node network";
	/** A node's bridge segment is named "node-1 cbr0": it reads well in explanations. */
	private static final String BRIDGE_SUFFIX = " " + Node.BRIDGE;
	private static final String POD_PREFIX = "pod ";

	private final Cluster cluster;
	private final NodeRepository nodes;
	private final PodRepository pods;
	private final RouteService routes;
	private final Map<String, Device> devices = new HashMap<>();
	private final Map<String, RouteTable> tables = new HashMap<>();

	ClusterNetwork(Cluster cluster, NodeRepository nodes, PodRepository pods, RouteService routes) {
		this.cluster = cluster;
		this.nodes = nodes;
		this.pods = pods;
		this.routes = routes;
	}

	static String podDevice(Pod pod) {
		return POD_PREFIX + pod.qualifiedName();
	}

	static String bridgeSegment(Node node) {
		return node.getName() + BRIDGE_SUFFIX;
	}

	@Override
	public Optional<Device> device(String name) {
		Device cached = devices.get(name);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Device> device;
		if (name.equals(GATEWAY)) {
			device = Optional.of(gateway());
		} else if (name.startsWith(POD_PREFIX)) {
			String[] qualified = name.substring(POD_PREFIX.length()).split("/", 2);
			device = qualified.length < 2 ? Optional.empty()
					: pods.find(cluster, qualified[0], qualified[1]).map(this::pod);
		} else {
			device = nodes.findByClusterAndName(cluster, name).map(this::node);
		}
		device.ifPresent(d -> devices.put(d.name(), d));
		return device;
	}

	@Override
	public Optional<Route> longestPrefixMatch(Device device, IPAddress destination) {
		return tables.computeIfAbsent(device.name(), name -> new RouteTable(device.routes()))
				.longestPrefixMatch(destination);
	}

	@Override
	public Optional<Attachment> neighbour(String segment, IPAddress address) {
		IPAddress plain = address.withoutPrefixLength();
		if (segment.equals(NODE_NETWORK)) {
			if (plain.equals(cluster.gatewayAddress())) {
				return attachment(GATEWAY, Node.UPLINK);
			}
			return nodes.findByClusterAndAddressValue(cluster, Addresses.valueOf(plain))
					.flatMap(node -> attachment(node.getName(), Node.UPLINK));
		}
		Optional<Node> bridgeOwner = nodeOfBridge(segment);
		if (bridgeOwner.isEmpty()) {
			return Optional.empty();
		}
		Node node = bridgeOwner.get();
		if (Addresses.format(plain).equals(node.bridgeAddress())) {
			return attachment(node.getName(), Node.BRIDGE);
		}
		return pods.findByClusterAndIpValue(cluster, Addresses.valueOf(plain))
				.filter(pod -> pod.getNode().getId().equals(node.getId()))
				.flatMap(pod -> attachment(podDevice(pod), Pod.INTERFACE));
	}

	@Override
	public Optional<Attachment> bridge(String segment) {
		return nodeOfBridge(segment).flatMap(node -> attachment(node.getName(), Node.BRIDGE));
	}

	private Optional<Node> nodeOfBridge(String segment) {
		if (!segment.endsWith(BRIDGE_SUFFIX)) {
			return Optional.empty();
		}
		return nodes.findByClusterAndName(cluster, segment.substring(0, segment.length() - BRIDGE_SUFFIX.length()));
	}

	private Optional<Attachment> attachment(String deviceName, String interfaceName) {
		return device(deviceName).flatMap(device -> device.interfaceNamed(interfaceName)
				.map(attached -> new Attachment(device, attached)));
	}

	private Device gateway() {
		IPAddress eth0 = withPrefix(cluster.getGateway(), cluster.nodeNetworkBlock().getNetworkPrefixLength());
		return Device.gateway(GATEWAY, List.of(Interface.ethernet(Node.UPLINK, eth0, NODE_NETWORK)),
				toRoutes(routes.gatewayTable(cluster)));
	}

	private Device node(Node node) {
		int nodePrefix = cluster.nodeNetworkBlock().getNetworkPrefixLength();
		IPAddress eth0 = withPrefix(node.getAddress(), nodePrefix);
		IPAddress cbr0 = withPrefix(node.bridgeAddress(), cluster.getNodeSubnetPrefixLength());
		return Device.node(node.getName(),
				List.of(Interface.ethernet(Node.UPLINK, eth0, NODE_NETWORK), Interface.bridge(Node.BRIDGE, cbr0,
						bridgeSegment(node))),
				toRoutes(node.routes()));
	}

	private Device pod(Pod pod) {
		IPAddress eth0 = withPrefix(pod.getIp(), cluster.getNodeSubnetPrefixLength());
		List<ContainerPort> ports = pod.getContainers().stream()
				.flatMap(container -> container.ports().stream().map(port -> new ContainerPort(port.containerPort(),
						Protocol.valueOf(port.protocol()), container.name())))
				.toList();
		return Device.pod(podDevice(pod),
				Interface.veth(Pod.INTERFACE, eth0, bridgeSegment(pod.getNode()), pod.getHostInterface()),
				toRoutes(pod.routes()), ports);
	}

	private static IPAddress withPrefix(String address, int prefixLength) {
		return Addresses.parseAddress("address", address).setPrefixLength(prefixLength, false);
	}

	/** The API's route tables, as the tracer reads them. */
	private static List<Route> toRoutes(List<RouteView> table) {
		return table.stream().map(ClusterNetwork::toRoute).toList();
	}

	private static Route toRoute(RouteView view) {
		IPAddress destination = Addresses.parseNetwork("destination", view.destination());
		if (view.type() == RouteType.BLACKHOLE) {
			return Route.blackhole(destination);
		}
		if (view.type() == RouteType.EXTERNAL) {
			return Route.external(destination, view.device());
		}
		if (view.nextHop() != null) {
			return Route.via(destination, Addresses.parseAddress("nextHop", view.nextHop()), view.device());
		}
		return Route.connected(destination, view.device());
	}
}

package io.podnet.path.resolver;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.node.Node;
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
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's network as the path tracer sees it during one trace: the gateway and the nodes
 * from the cluster's current {@link RoutingSnapshot}, pods read from the database as the packet
 * meets them. Every device's route table is the one the API shows for it, so a route change
 * changes the answer. One instance per trace, inside its read-only transaction.
 */
final class ClusterNetwork implements Network {

	private static final String POD_PREFIX = "pod ";

	private final Cluster cluster;
	private final RoutingSnapshot routers;
	private final PodRepository pods;
	private final Map<String, Device> podDevices = new HashMap<>();
	private final Map<BigInteger, Optional<Pod>> podsByIp = new HashMap<>();

	ClusterNetwork(Cluster cluster, RoutingSnapshot routers, PodRepository pods) {
		this.cluster = cluster;
		this.routers = routers;
		this.pods = pods;
	}

	static String podDevice(Pod pod) {
		return POD_PREFIX + pod.qualifiedName();
	}

	/** A pod the caller has already read (source, destination): the trace will not read it again. */
	void know(Pod pod) {
		podsByIp.put(pod.getIpValue(), Optional.of(pod));
		pod(pod);
	}

	/** The pod that owns that IP, if any; remembered for the rest of the trace. */
	Optional<Pod> podWithIp(IPAddress address) {
		return podsByIp.computeIfAbsent(Addresses.valueOf(address), ip -> pods.findByClusterAndIpValue(cluster, ip));
	}

	@Override
	public Optional<Device> device(String name) {
		if (name.equals(RoutingSnapshot.GATEWAY)) {
			return Optional.of(routers.gateway());
		}
		if (!name.startsWith(POD_PREFIX)) {
			return routers.node(name).map(RoutingSnapshot.NodeEntry::device);
		}
		Device cached = podDevices.get(name);
		if (cached != null) {
			return Optional.of(cached);
		}
		String[] qualified = name.substring(POD_PREFIX.length()).split("/", 2);
		return qualified.length < 2 ? Optional.empty()
				: pods.find(cluster, qualified[0], qualified[1]).map(this::pod);
	}

	@Override
	public Optional<Route> longestPrefixMatch(Device device, IPAddress destination) {
		RouteTable table = routers.table(device.name());
		if (table == null) {
			table = new RouteTable(device.routes());
		}
		return table.longestPrefixMatch(destination);
	}

	@Override
	public Optional<Attachment> neighbour(String segment, IPAddress address) {
		IPAddress plain = address.withoutPrefixLength();
		if (segment.equals(RoutingSnapshot.NODE_NETWORK)) {
			return routers.onNodeNetwork(plain);
		}
		Optional<RoutingSnapshot.NodeEntry> bridgeOwner = routers.nodeOfBridge(segment);
		if (bridgeOwner.isEmpty()) {
			return Optional.empty();
		}
		Device node = bridgeOwner.get().device();
		Interface bridge = node.interfaceNamed(Node.BRIDGE).orElseThrow();
		if (bridge.address().equals(plain)) {
			return Optional.of(new Attachment(node, bridge));
		}
		long nodeId = bridgeOwner.get().id();
		return podWithIp(plain)
				.filter(pod -> pod.getNode().getId() == nodeId)
				.map(this::pod)
				.flatMap(device -> RoutingSnapshot.attachment(device, Pod.INTERFACE));
	}

	@Override
	public Optional<Attachment> bridge(String segment) {
		return routers.nodeOfBridge(segment).flatMap(entry -> RoutingSnapshot.attachment(entry.device(), Node.BRIDGE));
	}

	private Device pod(Pod pod) {
		return podDevices.computeIfAbsent(podDevice(pod), name -> {
			IPAddress eth0 = RoutingSnapshot.withPrefix(pod.getIp(), cluster.getNodeSubnetPrefixLength());
			List<ContainerPort> ports = pod.getContainers().stream()
					.flatMap(container -> container.ports().stream().map(port -> new ContainerPort(port.containerPort(),
							Protocol.valueOf(port.protocol()), container.name())))
					.toList();
			String segment = RoutingSnapshot.bridgeSegment(pod.getNode().getName());
			return Device.pod(name, Interface.veth(Pod.INTERFACE, eth0, segment, pod.getHostInterface()),
					RoutingSnapshot.toRoutes(pod.routes()), ports);
		});
	}
}

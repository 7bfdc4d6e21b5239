package io.podnet.paths;

import inet.ipaddr.IPAddress;
import io.podnet.kubenet.Kubenet;
import io.podnet.ipam.Addresses;
import io.podnet.path.Attachment;
import io.podnet.path.ContainerPort;
import io.podnet.path.Device;
import io.podnet.path.Interface;
import io.podnet.path.Network;
import io.podnet.path.Protocol;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTable;
import io.podnet.pod.PodEndpoint;
import io.podnet.pod.PodEndpoints;
import io.podnet.pod.PodRef;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's network in one address family as the path tracer sees it during one trace: the gateway and the nodes
 * from the cluster's current {@link Routers}, pods read from the database as the packet
 * meets them (the request's own pods are handed over already read). Every device's route table
 * is the one the API shows for it, so a route change changes the answer. One instance per trace.
 */
final class ClusterNetwork implements Network {

	private static final String POD_PREFIX = "pod ";

	private final long clusterId;
	private final Routers routers;
	private final PodEndpoints pods;
	private final Map<String, Device> podDevices = new HashMap<>();
	private final Map<BigInteger, Optional<PodEndpoint>> podsByIp = new HashMap<>();
	/** A pod's table is its node's pods' table, already built in the snapshot. */
	private final Map<String, RouteTable> podTables = new HashMap<>();

	ClusterNetwork(long clusterId, Routers routers, PodEndpoints pods) {
		this.clusterId = clusterId;
		this.routers = routers;
		this.pods = pods;
	}

	static String podDevice(PodEndpoint pod) {
		return POD_PREFIX + pod.qualifiedName();
	}

	/**
	 * A pod the caller has already read (source, destination): the trace will not read it again.
	 * False if its node is not in the routing snapshot, i.e. the node was deleted, pods and all,
	 * since the pod was read: the pod is gone.
	 */
	boolean know(PodEndpoint pod) {
		if (pod(pod).isEmpty()) {
			return false;
		}
		podsByIp.put(pod.ipValue(routers.secondary()), Optional.of(pod));
		return true;
	}

	/** The pod that owns that IP, if any; remembered for the rest of the trace. */
	Optional<PodEndpoint> podWithIp(IPAddress address) {
		return podsByIp.computeIfAbsent(Addresses.valueOf(address), ip -> pods.withIp(clusterId, routers.secondary(), ip));
	}

	@Override
	public Optional<Device> device(String name) {
		if (name.equals(Routers.GATEWAY)) {
			return Optional.of(routers.gateway());
		}
		if (!name.startsWith(POD_PREFIX)) {
			return routers.node(name).map(Routers.NodeEntry::device);
		}
		Device cached = podDevices.get(name);
		if (cached != null) {
			return Optional.of(cached);
		}
		String[] qualified = name.substring(POD_PREFIX.length()).split("/", 2);
		return qualified.length < 2 ? Optional.empty()
				: pods.find(clusterId, new PodRef(qualified[0], qualified[1])).flatMap(this::pod);
	}

	@Override
	public Optional<Route> longestPrefixMatch(Device device, IPAddress destination) {
		RouteTable table = routers.table(device.name());
		if (table == null) {
			table = podTables.computeIfAbsent(device.name(), name -> new RouteTable(device.routes()));
		}
		return table.longestPrefixMatch(destination);
	}

	@Override
	public Optional<Attachment> neighbour(String segment, IPAddress address) {
		IPAddress plain = address.withoutPrefixLength();
		if (segment.equals(Routers.NODE_NETWORK)) {
			return routers.onNodeNetwork(plain);
		}
		Optional<Routers.NodeEntry> bridgeOwner = routers.nodeOfBridge(segment);
		if (bridgeOwner.isEmpty()) {
			return Optional.empty();
		}
		Device node = bridgeOwner.get().device();
		Interface bridge = node.interfaceNamed(Kubenet.BRIDGE).orElseThrow();
		if (bridge.address().equals(plain)) {
			return Optional.of(new Attachment(node, bridge));
		}
		long nodeId = bridgeOwner.get().id();
		return podWithIp(plain)
				.filter(pod -> pod.nodeId() == nodeId)
				.flatMap(this::pod)
				.flatMap(device -> Routers.attachment(device, Kubenet.POD_INTERFACE));
	}

	@Override
	public Optional<Attachment> bridge(String segment) {
		return routers.nodeOfBridge(segment).flatMap(entry -> Routers.attachment(entry.device(), Kubenet.BRIDGE));
	}

	/** The pod as a device: eth0 on its node's bridge, the route table its node's pods share. */
	private Optional<Device> pod(PodEndpoint pod) {
		String name = podDevice(pod);
		Device cached = podDevices.get(name);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Routers.NodeEntry> node = routers.node(pod.nodeId());
		if (node.isEmpty()) {
			return Optional.empty();
		}
		IPAddress eth0 = Addresses.fromValue(routers.ipFamily(), pod.ipValue(routers.secondary()))
				.setPrefixLength(routers.nodeSubnetPrefixLength(), false);
		List<ContainerPort> ports = pod.containers().stream()
				.flatMap(container -> container.ports().stream().map(port -> new ContainerPort(port.containerPort(),
						Protocol.valueOf(port.protocol()), container.name())))
				.toList();
		Device device = Device.pod(name, Interface.veth(Kubenet.POD_INTERFACE, eth0, Routers.bridgeSegment(
				pod.nodeName()), pod.hostInterface()), node.get().podRoutes(), ports);
		podDevices.put(name, device);
		podTables.put(name, node.get().podTable());
		return Optional.of(device);
	}
}

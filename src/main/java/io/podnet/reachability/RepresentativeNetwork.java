package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.RouteTables;
import io.podnet.path.Device;
import io.podnet.path.InMemoryNetwork;
import io.podnet.path.Interface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cluster's network as the path endpoint builds it (the gateway, every node, their tables and
 * segments, with the same names), but holding only the sample pods. A trace meets only its source
 * and its destination among the pods (pods never forward), so a flow between samples, or from a
 * sample to an address no pod owns, goes exactly as it would in the whole cluster.
 */
final class RepresentativeNetwork {

	static final String GATEWAY = "gateway";
	static final String NODE_NETWORK = "node network";

	private RepresentativeNetwork() {
	}

	static InMemoryNetwork of(ClusterPlan plan) {
		int nodeNetworkPrefix = plan.nodeNetwork().getNetworkPrefixLength();
		List<Device> devices = new ArrayList<>();
		devices.add(Device.gateway(GATEWAY, List.of(Interface.ethernet(Kubenet.UPLINK,
				plan.gateway().setPrefixLength(nodeNetworkPrefix, false), NODE_NETWORK)), plan.gatewayTable()));
		Map<String, NodePlan> nodes = new HashMap<>();
		for (NodePlan node : plan.nodes()) {
			nodes.put(node.name(), node);
			IPAddress subnet = node.podSubnet();
			IPAddress bridge = RouteTables.bridgeAddress(subnet).setPrefixLength(subnet.getNetworkPrefixLength(), false);
			devices.add(Device.node(node.name(), List.of(
					Interface.ethernet(Kubenet.UPLINK, node.address().setPrefixLength(nodeNetworkPrefix, false),
							NODE_NETWORK),
					Interface.bridge(Kubenet.BRIDGE, bridge, bridgeSegment(node.name()))),
					RouteTables.node(plan.gateway(), plan.nodeNetwork(), subnet)));
		}
		Map<String, Device> pods = new HashMap<>();
		for (PodGroup group : plan.groups()) {
			NodePlan node = nodes.get(group.node());
			Stream.concat(Stream.concat(group.sourceSamples().stream(), group.destinationSamples().stream()),
					Stream.ofNullable(group.bothSample()))
					.forEach(sample -> pods.computeIfAbsent(sample.device(), name -> pod(node, sample)));
		}
		devices.addAll(pods.values());
		return new InMemoryNetwork(devices);
	}

	static String bridgeSegment(String node) {
		return node + " " + Kubenet.BRIDGE;
	}

	private static Device pod(NodePlan node, PodSample sample) {
		IPAddress eth0 = sample.ip().setPrefixLength(node.podSubnet().getNetworkPrefixLength(), false);
		return Device.pod(sample.device(), Interface.veth(Kubenet.POD_INTERFACE, eth0, bridgeSegment(node.name()),
				sample.hostInterface()), RouteTables.pod(node.podSubnet()), sample.ports());
	}
}

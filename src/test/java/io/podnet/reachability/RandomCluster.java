package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import io.podnet.path.ContainerPort;
import io.podnet.path.Device;
import io.podnet.path.InMemoryNetwork;
import io.podnet.path.Interface;
import io.podnet.path.Protocol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small random cluster as the APIs allow it: nodes at random addresses and subnets (with gaps),
 * pods at random addresses with random ports, user routes of every type (blackholes, external
 * routes, static routes via a node, which loop, or via an address nobody owns), some covering node
 * subnets with a shorter prefix, some in free subnets, some outside; IPv4 or IPv6. Subnets are
 * tiny so that every address of them can be traced.
 */
final class RandomCluster {

	record Pod(String node, PodSample sample) {
	}

	final IpFamily family;
	final IPAddress nodeNetwork;
	final IPAddress gateway;
	final IPAddress podNetwork;
	final int nodePrefix;
	final Map<String, NodePlan> nodes = new LinkedHashMap<>();
	final List<Pod> pods = new ArrayList<>();
	final List<Route> userRoutes = new ArrayList<>();
	final List<Route> gatewayTable;

	private static final List<ContainerPort> PORTS = List.of(new ContainerPort(8080, Protocol.TCP, "web"),
			new ContainerPort(8080, Protocol.UDP, "quic"), new ContainerPort(53, Protocol.UDP, "dns"));

	RandomCluster(SplittableRandom random) {
		family = random.nextBoolean() ? IpFamily.IPv4 : IpFamily.IPv6;
		boolean v4 = family == IpFamily.IPv4;
		nodeNetwork = net(v4 ? "10.100.0.0/27" : "fd00:100::/123");
		gateway = at(nodeNetwork, 1);
		podNetwork = net(v4 ? "10.244.0.0/22" : "fd00:244::/118");
		nodePrefix = v4 ? 28 : 124;
		int subnets = 1 << (nodePrefix - podNetwork.getNetworkPrefixLength());
		int subnetSize = 1 << (family.bits() - nodePrefix);
		int nodeCount = 1 + random.nextInt(6);
		List<Integer> hosts = shuffled(random, 2, 30);
		List<Integer> subnetIndexes = shuffled(random, 0, subnets - 1);
		for (int n = 0; n < nodeCount; n++) {
			String name = "node-" + (n + 1);
			IPAddress subnet = block(podNetwork, subnetIndexes.get(n), nodePrefix);
			nodes.put(name, NodePlan.of(name, at(nodeNetwork, hosts.get(n)), subnet));
			int podCount = random.nextInt(5);
			List<Integer> offsets = shuffled(random, 2, subnetSize - 2);
			for (int p = 0; p < podCount; p++) {
				List<ContainerPort> ports = new ArrayList<>();
				for (ContainerPort port : PORTS) {
					if (random.nextInt(3) == 0) {
						ports.add(port);
					}
				}
				String podName = (random.nextBoolean() ? "default/" : "kube-system/") + name + "-p" + p;
				pods.add(new Pod(name, new PodSample(podName, at(subnet, offsets.get(p)), null, ports)));
			}
		}
		List<IPAddress> nodeAddresses = nodes.values().stream().map(NodePlan::address).toList();
		IPAddress freeNodeNetworkAddress = at(nodeNetwork, hosts.get(nodeCount));
		Set<IPAddress> destinations = new LinkedHashSet<>();
		int routeCount = random.nextInt(6);
		for (int r = 0; r < routeCount; r++) {
			IPAddress destination = switch (random.nextInt(6)) {
				// a free node subnet, or a part of one
				case 0 -> block(podNetwork, subnetIndexes.get(nodeCount + random.nextInt(3)), nodePrefix);
				case 1 -> block(block(podNetwork, subnetIndexes.get(nodeCount), nodePrefix), random.nextInt(4),
						nodePrefix + 2);
				// shorter than a node subnet: catches what no node route does
				case 2 -> block(podNetwork, random.nextInt(4), podNetwork.getNetworkPrefixLength() + 2);
				case 3 -> podNetwork;
				case 4 -> net(v4 ? "0.0.0.0/0" : "::/0");
				default -> net(v4 ? (random.nextBoolean() ? "10.0.0.0/8" : "192.168.0.0/16")
						: (random.nextBoolean() ? "fd00::/16" : "2001:db8::/32"));
			};
			if (!destinations.add(destination)) {
				continue;
			}
			userRoutes.add(switch (random.nextInt(4)) {
				case 0 -> Route.blackhole(destination);
				case 1 -> Route.external(destination, random.nextBoolean() ? Kubenet.UPLINK : null);
				case 2 -> Route.via(destination, nodeAddresses.get(random.nextInt(nodeAddresses.size())), Kubenet.UPLINK);
				default -> Route.via(destination, freeNodeNetworkAddress, Kubenet.UPLINK);
			});
		}
		List<Route> stored = new ArrayList<>();
		nodes.values().forEach(node -> stored.add(Route.toNode(node.podSubnet(), node.address(), Kubenet.UPLINK,
				node.name())));
		stored.addAll(userRoutes);
		gatewayTable = RouteTables.gateway(nodeNetwork, stored);
	}

	/** The plan of the selected pods (every pod's address is taken whatever the selection). */
	ClusterPlan plan(Set<String> sources, Set<String> destinations, Integer port, Protocol protocol) {
		Map<String, NodePlan> fresh = new LinkedHashMap<>();
		nodes.values().forEach(node -> fresh.put(node.name(), NodePlan.of(node.name(), node.address(), node.podSubnet())));
		PodGroups groups = new PodGroups(fresh);
		for (Pod pod : pods) {
			boolean listening = port == null || pod.sample().ports().stream().anyMatch(p -> p.answers(port, protocol));
			groups.add(pod.node(), pod.sample(), listening, sources.contains(pod.sample().name()),
					destinations.contains(pod.sample().name()));
		}
		return new ClusterPlan(nodeNetwork, gateway, gatewayTable, List.copyOf(fresh.values()), groups.groups());
	}

	/** Every pod of the cluster as a device: the ground truth to trace pairs in one by one. */
	InMemoryNetwork wholeNetwork() {
		ClusterPlan everyone = plan(Set.of(), Set.of(), null, Protocol.TCP);
		List<Device> devices = new ArrayList<>();
		InMemoryNetwork routers = RepresentativeNetwork.of(everyone);
		routers.device(RepresentativeNetwork.GATEWAY).ifPresent(devices::add);
		nodes.keySet().forEach(name -> routers.device(name).ifPresent(devices::add));
		for (Pod pod : pods) {
			NodePlan node = nodes.get(pod.node());
			devices.add(Device.pod(pod.sample().device(), Interface.veth(Kubenet.POD_INTERFACE,
					pod.sample().ip().setPrefixLength(nodePrefix, false), RepresentativeNetwork.bridgeSegment(node.name()),
					null), RouteTables.pod(node.podSubnet()), pod.sample().ports()));
		}
		return new InMemoryNetwork(devices);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(family + " cluster, gateway table " + gatewayTable);
		nodes.values().forEach(node -> text.append("\n  ").append(node.name()).append(' ').append(node.address())
				.append(' ').append(node.podSubnet()));
		pods.forEach(pod -> text.append("\n  pod ").append(pod.sample().name()).append(' ').append(pod.sample().ip())
				.append(' ').append(pod.sample().ports()));
		return text.toString();
	}

	private IPAddress net(String cidr) {
		return Addresses.parseNetwork("test", cidr);
	}

	private IPAddress at(IPAddress block, long offset) {
		return Addresses.fromValue(family, Addresses.valueOf(block).add(BigInteger.valueOf(offset)));
	}

	private IPAddress block(IPAddress parent, int index, int prefix) {
		BigInteger size = BigInteger.ONE.shiftLeft(family.bits() - prefix);
		return Addresses.blockFromValue(family, Addresses.valueOf(parent).add(size.multiply(BigInteger.valueOf(index))),
				prefix);
	}

	private static List<Integer> shuffled(SplittableRandom random, int from, int to) {
		List<Integer> values = new ArrayList<>();
		for (int v = from; v <= to; v++) {
			values.add(v);
		}
		for (int i = values.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			values.set(j, values.set(i, values.get(j)));
		}
		return values;
	}
}

package io.podnet.path;

import io.podnet.kubenet.Route;
import io.podnet.kubenet.Family;
import io.podnet.kubenet.RouteSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the article's cluster as devices: the gateway 10.100.0.1 on the node network
 * 10.100.0.0/24, node-N at 10.100.0.(N+1) with bridge cbr0 10.244.(N-1).1/24, and pods on the
 * bridges. Addresses are written in IPv4 and mapped by {@link Family} for IPv6 runs.
 */
final class ArticleCluster {

	static final String NODE_NETWORK = "node network";

	private record PodSpec(String name, int host, String hostVeth, List<ContainerPort> ports) {
	}

	private final Family family;
	private final Map<String, List<PodSpec>> nodes = new LinkedHashMap<>();
	private final Map<String, List<String>> nodeRoutes = new HashMap<>();
	private final List<String> gatewayRoutes = new ArrayList<>();
	private final Set<String> nodesWithoutGatewayRoute = new HashSet<>();

	private ArticleCluster(Family family) {
		this.family = family;
	}

	static ArticleCluster empty(Family family) {
		return new ArticleCluster(family);
	}

	/**
	 * node-1 with pods web (.2, 8080/TCP) and api (.3, 8080/TCP, 9090/UDP); node-2 with pod db
	 * (.2, 5432/TCP); node-3 with no pods yet.
	 */
	static ArticleCluster article(Family family) {
		return empty(family)
				.node("node-1")
				.pod("node-1", "pod default/web", 2, "vethA", new ContainerPort(8080, Protocol.TCP, "web"))
				.pod("node-1", "pod default/api", 3, "vethB", new ContainerPort(8080, Protocol.TCP, "api"),
						new ContainerPort(9090, Protocol.UDP, "metrics"))
				.node("node-2")
				.pod("node-2", "pod default/db", 2, "vethC", new ContainerPort(5432, Protocol.TCP, "postgres"))
				.node("node-3");
	}

	ArticleCluster node(String name) {
		nodes.put(name, new ArrayList<>());
		return this;
	}

	ArticleCluster pod(String node, String name, int host, String hostVeth, ContainerPort... ports) {
		nodes.get(node).add(new PodSpec(name, host, hostVeth, List.of(ports)));
		return this;
	}

	/** A user route on the gateway, written as {@link RouteSpec} reads it. */
	ArticleCluster gatewayRoute(String spec) {
		gatewayRoutes.add(spec);
		return this;
	}

	/** An extra route in a node's table. */
	ArticleCluster nodeRoute(String node, String spec) {
		nodeRoutes.computeIfAbsent(node, name -> new ArrayList<>()).add(spec);
		return this;
	}

	/** Leaves out the gateway's "pod subnet via node" route of that node. */
	ArticleCluster withoutGatewayRouteTo(String node) {
		nodesWithoutGatewayRoute.add(node);
		return this;
	}

	InMemoryNetwork network() {
		List<Device> devices = new ArrayList<>();
		List<Route> gateway = new ArrayList<>(routes("10.100.0.0/24 dev eth0"));
		int index = 0;
		for (Map.Entry<String, List<PodSpec>> node : nodes.entrySet()) {
			index++;
			String name = node.getKey();
			String address = "10.100.0." + (index + 1);
			String subnet = "10.244." + (index - 1);
			String bridge = name + " cbr0";
			List<String> table = new ArrayList<>(List.of("default via 10.100.0.1 dev eth0", "10.100.0.0/24 dev eth0",
					subnet + ".0/24 dev cbr0"));
			table.addAll(nodeRoutes.getOrDefault(name, List.of()));
			devices.add(Device.node(name, List.of(
					Interface.ethernet("eth0", family.address(address + "/24"), NODE_NETWORK),
					Interface.bridge("cbr0", family.address(subnet + ".1/24"), bridge)),
					routes(table.toArray(String[]::new))));
			for (PodSpec pod : node.getValue()) {
				devices.add(Device.pod(pod.name(),
						Interface.veth("eth0", family.address(subnet + "." + pod.host() + "/24"), bridge, pod.hostVeth()),
						routes(subnet + ".0/24 dev eth0", "default via " + subnet + ".1 dev eth0"), pod.ports()));
			}
			if (!nodesWithoutGatewayRoute.contains(name)) {
				gateway.addAll(routes(subnet + ".0/24 via " + address + " dev eth0"));
			}
		}
		gateway.addAll(routes(gatewayRoutes.toArray(String[]::new)));
		devices.add(Device.gateway("gateway",
				List.of(Interface.ethernet("eth0", family.address("10.100.0.1/24"), NODE_NETWORK)), gateway));
		return new InMemoryNetwork(devices);
	}

	private List<Route> routes(String... specs) {
		return List.of(specs).stream().map(spec -> RouteSpec.parse(family, spec)).toList();
	}
}

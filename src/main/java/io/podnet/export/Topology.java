package io.podnet.export;

import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Route;
import io.podnet.pod.PodEndpoint;
import io.podnet.kubenet.RouteKind;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A cluster as its devices see it, the input of every export: plain values read in one
 * transaction, so a script describes one consistent state of the cluster.
 *
 * @param cluster the cluster's name
 * @param family its one address family
 * @param nodeNetwork the node network, e.g. 10.100.0.0/24
 * @param gateway the gateway's address on the node network, e.g. 10.100.0.1
 * @param nodes the nodes, by name
 * @param pods the pods, by namespace and name: a list, or (for a whole cluster) a source read page
 *        by page each time it is iterated, so that a script of 150,000 pods is written in bounded
 *        memory
 * @param gatewayRoutes the gateway's stored routes (node routes and user routes), in table order
 */
record Topology(String cluster, IpFamily family, String nodeNetwork, String gateway, List<NodeSpec> nodes,
		Iterable<PodEndpoint> pods, List<Route> gatewayRoutes, Map<String, NodeSpec> nodesByName) {

	Topology(String cluster, IpFamily family, String nodeNetwork, String gateway, List<NodeSpec> nodes,
			Iterable<PodEndpoint> pods, List<Route> gatewayRoutes) {
		this(cluster, family, nodeNetwork, gateway, List.copyOf(nodes), pods instanceof List<PodEndpoint> list
				? List.copyOf(list) : pods, List.copyOf(gatewayRoutes),
				nodes.stream().collect(Collectors.toUnmodifiableMap(NodeSpec::name, Function.identity())));
	}

	/** A node: eth0 on the node network, cbr0 holding the first address of its pod subnet. */
	record NodeSpec(String name, String address, String podSubnet, String bridgeAddress) {

		/** cbr0's address as ip(8) takes it: 10.244.0.1/24. */
		String bridgeCidr() {
			return bridgeAddress + "/" + prefixLength(podSubnet);
		}
	}

	/** The node's eth0 address as ip(8) takes it: 10.100.0.2/24. */
	String onNodeNetwork(String address) {
		return address + "/" + prefixLength(nodeNetwork);
	}

	/** The pod's eth0 address as ip(8) takes it: 10.244.0.2/24, the prefix of its node's subnet. */
	String podCidr(PodEndpoint pod) {
		return pod.ip() + "/" + prefixLength(node(pod.nodeName()).podSubnet());
	}

	NodeSpec node(String name) {
		NodeSpec node = nodesByName.get(name);
		if (node == null) {
			throw new NoSuchElementException("no node " + name + " in cluster " + cluster);
		}
		return node;
	}

	boolean hasExternalRoutes() {
		return gatewayRoutes.stream().anyMatch(route -> route.kind() == RouteKind.EXTERNAL);
	}

	static int prefixLength(String cidr) {
		return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
	}
}

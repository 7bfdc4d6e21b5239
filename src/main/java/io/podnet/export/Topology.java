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
import java.util.stream.IntStream;

/**
 * A cluster as its devices see it, the input of every export: plain values read in one
 * transaction, so a script describes one consistent state of the cluster.
 *
 * <p>A dual-stack cluster has two address families, primary first, as Kubernetes lists them; every
 * per-family list here (the node networks, a node's addresses, a pod's IPs) is in that one order, so
 * the same index is the same family throughout.
 *
 * @param cluster the cluster's name
 * @param nodeNetworks the node network of each family, primary first
 * @param nodes the nodes, by name
 * @param pods the pods, by namespace and name: a list, or (for a whole cluster) a source read page
 *        by page each time it is iterated, so that a script of 150,000 pods is written in bounded
 *        memory
 * @param gatewayRoutes the gateway's stored routes (node routes and user routes) of every family, in table order
 */
record Topology(String cluster, List<NodeNetwork> nodeNetworks, List<NodeSpec> nodes, Iterable<PodEndpoint> pods,
		List<Route> gatewayRoutes, Map<String, NodeSpec> nodesByName) {

	Topology(String cluster, List<NodeNetwork> nodeNetworks, List<NodeSpec> nodes, Iterable<PodEndpoint> pods,
			List<Route> gatewayRoutes) {
		this(cluster, List.copyOf(nodeNetworks), List.copyOf(nodes), pods instanceof List<PodEndpoint> list
				? List.copyOf(list) : pods, List.copyOf(gatewayRoutes),
				nodes.stream().collect(Collectors.toUnmodifiableMap(NodeSpec::name, Function.identity())));
	}

	/** A single-stack cluster: one family, one node network and its gateway. */
	Topology(String cluster, IpFamily family, String nodeNetwork, String gateway, List<NodeSpec> nodes,
			Iterable<PodEndpoint> pods, List<Route> gatewayRoutes) {
		this(cluster, List.of(new NodeNetwork(family, nodeNetwork, gateway)), nodes, pods, gatewayRoutes);
	}

	/**
	 * One family's node network, e.g. 10.100.0.0/24, and the gateway's address on it, e.g. 10.100.0.1.
	 * Every node's eth0 and the gateway's are on each family's node network: one L2 segment, two plans.
	 */
	record NodeNetwork(IpFamily family, String cidr, String gateway) {

		/** An address on this network as ip(8) takes it: 10.100.0.2/24. */
		String withPrefix(String address) {
			return address + "/" + prefixLength(cidr);
		}
	}

	/** A node: eth0 on each family's node network, cbr0 holding the first address of each of its pod subnets. */
	record NodeSpec(String name, List<NodeAddresses> families) {

		NodeSpec {
			families = List.copyOf(families);
		}

		/** A node of a single-stack cluster. */
		NodeSpec(String name, String address, String podSubnet, String bridgeAddress) {
			this(name, List.of(new NodeAddresses(address, podSubnet, bridgeAddress)));
		}

		/** Its primary family's eth0 address. */
		String address() {
			return families.get(0).address();
		}

		/** Its primary family's pod subnet. */
		String podSubnet() {
			return families.get(0).podSubnet();
		}

		/** Its primary family's bridge address. */
		String bridgeAddress() {
			return families.get(0).bridgeAddress();
		}

		/** cbr0's primary address as ip(8) takes it: 10.244.0.1/24. */
		String bridgeCidr() {
			return families.get(0).bridgeCidr();
		}
	}

	/** A node's addresses in one family: eth0's, its pod subnet (a podCIDR), and cbr0's, the subnet's first. */
	record NodeAddresses(String address, String podSubnet, String bridgeAddress) {

		/** cbr0's address as ip(8) takes it: 10.244.0.1/24. */
		String bridgeCidr() {
			return bridgeAddress + "/" + prefixLength(podSubnet);
		}
	}

	/** The primary family: a single-stack cluster's only one. */
	IpFamily family() {
		return nodeNetworks.get(0).family();
	}

	/** The primary family's node network, e.g. 10.100.0.0/24. */
	String nodeNetwork() {
		return nodeNetworks.get(0).cidr();
	}

	/** The gateway's address on the primary family's node network, e.g. 10.100.0.1. */
	String gateway() {
		return nodeNetworks.get(0).gateway();
	}

	boolean isDualStack() {
		return nodeNetworks.size() > 1;
	}

	boolean hasFamily(IpFamily family) {
		return nodeNetworks.stream().anyMatch(network -> network.family() == family);
	}

	/** A node in one family: the cluster's node network of that family beside the node's addresses in it. */
	record NodeInFamily(NodeNetwork network, NodeAddresses node) {

		IpFamily family() {
			return network.family();
		}

		/** eth0's address as ip(8) takes it: 10.100.0.2/24. */
		String onNodeNetwork() {
			return network.withPrefix(node.address());
		}
	}

	/** The node's families, primary first. */
	List<NodeInFamily> families(NodeSpec node) {
		int count = Math.min(nodeNetworks.size(), node.families().size());
		return IntStream.range(0, count).mapToObj(i -> new NodeInFamily(nodeNetworks.get(i), node.families().get(i)))
				.toList();
	}

	/** The node's eth0 address on each family's node network, primary first: 10.100.0.2/24, fd00:10:100::2/64. */
	List<String> onNodeNetworks(NodeSpec node) {
		return families(node).stream().map(NodeInFamily::onNodeNetwork).toList();
	}

	/** The pod's eth0 address per family, primary first, each with its node's subnet's prefix. */
	List<String> podCidrs(PodEndpoint pod) {
		List<NodeAddresses> node = node(pod.nodeName()).families();
		List<String> ips = podIps(pod);
		return IntStream.range(0, Math.min(ips.size(), node.size()))
				.mapToObj(i -> ips.get(i) + "/" + prefixLength(node.get(i).podSubnet())).toList();
	}

	/** The pod's IPs, primary first, as Kubernetes' status.podIPs lists them. */
	static List<String> podIps(PodEndpoint pod) {
		return pod.secondaryIp() == null ? List.of(pod.ip()) : List.of(pod.ip(), pod.secondaryIp());
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

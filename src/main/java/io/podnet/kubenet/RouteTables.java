package io.podnet.kubenet;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table of each kind of device, from the cluster's values: what the API shows, what
 * the tracer forwards by and what the exported commands install are the same lists.
 */
public final class RouteTables {

	private RouteTables() {
	}

	/** The gateway's: the node network, connected on eth0, then its stored routes (nodes' and users'). */
	public static List<Route> gateway(IPAddress nodeNetwork, List<Route> stored) {
		List<Route> table = new ArrayList<>(stored.size() + 1);
		table.add(Route.connected(nodeNetwork.toPrefixBlock(), Kubenet.UPLINK));
		table.addAll(stored);
		return table;
	}

	/** A dual-stack gateway's: each family's node network, connected on eth0, then its stored routes. */
	public static List<Route> gateway(List<IPAddress> nodeNetworks, List<Route> stored) {
		List<Route> table = new ArrayList<>(stored.size() + nodeNetworks.size());
		nodeNetworks.forEach(network -> table.add(Route.connected(network.toPrefixBlock(), Kubenet.UPLINK)));
		table.addAll(stored);
		return table;
	}

	/** A node's: default via the gateway on eth0, the node network on eth0, its pod subnet on cbr0. */
	public static List<Route> node(IPAddress gateway, IPAddress nodeNetwork, IPAddress podSubnet) {
		return List.of(
				Route.via(everything(gateway), gateway, Kubenet.UPLINK),
				Route.connected(nodeNetwork, Kubenet.UPLINK),
				Route.connected(podSubnet, Kubenet.BRIDGE));
	}

	/** Every pod's on a node with that pod subnet: default via the node's bridge, the pod subnet on eth0. */
	public static List<Route> pod(IPAddress podSubnet) {
		return List.of(
				Route.via(everything(podSubnet), bridgeAddress(podSubnet), Kubenet.POD_INTERFACE),
				Route.connected(podSubnet, Kubenet.POD_INTERFACE));
	}

	/** The bridge (cbr0) of a node holds the first usable address of its pod subnet. */
	public static IPAddress bridgeAddress(IPAddress podSubnet) {
		BigInteger network = Addresses.valueOf(podSubnet);
		return Addresses.fromValue(IpFamily.of(podSubnet), network.add(BigInteger.ONE));
	}

	/** 0.0.0.0/0 or ::/0, in the family of that address. */
	private static IPAddress everything(IPAddress inFamily) {
		return Addresses.parseNetwork("destination", IpFamily.of(inFamily).defaultDestination());
	}
}

package io.podnet.export;

import static io.podnet.export.ShellWords.comment;
import static io.podnet.export.ShellWords.quote;

import io.podnet.export.Topology.NodeInFamily;
import io.podnet.export.Topology.NodeNetwork;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configuration of each device as ip(8) and sysctl commands: the gateway, a node, a pod. The
 * same lines serve an operator on the device itself and the namespace replay of the whole cluster;
 * only the {@link Shell} they are aimed at differs. Lines starting with "#" are comments.
 *
 * <p>Every value read from the database (names, addresses, the veth's name) is written through
 * {@link ShellWords}, as a {@code quote}d word or in a {@code comment}; the rest is podnet's own text.
 */
final class DeviceCommands {

	/**
	 * Where EXTERNAL routes leave: the gateway's uplink, outside the model, and how to make sure it exists.
	 *
	 * @param device a shell word of podnet's own, such as {@code ext0} or {@code "$UPLINK"}
	 */
	record Uplink(String device, List<String> setup) {
	}

	private DeviceCommands() {
	}

	/**
	 * eth0 on each family's node network, forwarding on, one route per node's pod subnet, then the user
	 * routes; each route in its own family's table.
	 */
	static List<String> gateway(Topology topology, Shell shell, Uplink uplink) {
		List<String> lines = new ArrayList<>();
		lines.add(comment("forwarding on: the gateway routes between the nodes"));
		topology.nodeNetworks().forEach(network -> lines.add(forwarding(network.family(), shell)));
		for (NodeNetwork network : topology.nodeNetworks()) {
			lines.add(comment("eth0 on the node network " + network.cidr()));
			lines.add(shell.ip(network.family(), "addr add " + quote(network.withPrefix(network.gateway())) + " dev "
					+ Kubenet.UPLINK + noDad(network.family())));
		}
		lines.add(shell.ip("link set " + Kubenet.UPLINK + " up"));
		List<Route> nodeRoutes = topology.gatewayRoutes().stream().filter(r -> r.kind() == RouteKind.NODE).toList();
		List<Route> userRoutes = topology.gatewayRoutes().stream().filter(r -> r.kind().isUserRoute()).toList();
		if (!nodeRoutes.isEmpty()) {
			lines.add(comment("each node's pod subnet, via that node"));
			nodeRoutes.forEach(route -> lines.add(shell.ip(family(route), "route add " + destination(route) + " via "
					+ nextHop(route) + " dev " + Kubenet.UPLINK) + "  " + comment(route.node())));
		}
		if (!userRoutes.isEmpty()) {
			lines.add(comment("user routes"));
			if (topology.hasExternalRoutes()) {
				lines.addAll(uplink.setup());
			}
			userRoutes.forEach(route -> lines.add(userRoute(shell, route, uplink)));
		}
		return lines;
	}

	private static String userRoute(Shell shell, Route route, Uplink uplink) {
		IpFamily family = family(route);
		return switch (route.kind()) {
			case BLACKHOLE -> shell.ip(family, "route add blackhole " + destination(route));
			case EXTERNAL -> shell.ip(family, "route add " + destination(route) + " dev " + uplink.device());
			case STATIC -> shell.ip(family, "route add " + destination(route) + " via " + nextHop(route) + " dev "
					+ Kubenet.UPLINK);
			default -> throw new IllegalArgumentException("not a user route: " + route);
		};
	}

	/** A route goes in the table of its destination's family: {@code ip -6 route} for an IPv6 one. */
	private static IpFamily family(Route route) {
		return IpFamily.of(route.destination());
	}

	/** The destination as ip(8) takes it, 10.244.1.0/24 (never "default": a gateway's 0.0.0.0/0 is written out). */
	private static String destination(Route route) {
		return quote(Addresses.format(route.destination()));
	}

	private static String nextHop(Route route) {
		return quote(Addresses.format(route.nextHop()));
	}

	/**
	 * eth0 on each family's node network, cbr0 holding the node's bridge address of each family,
	 * default via each family's gateway, forwarding on.
	 */
	static List<String> node(Topology topology, NodeSpec node, Shell shell) {
		List<NodeInFamily> families = topology.families(node);
		List<String> lines = new ArrayList<>();
		lines.add(comment("forwarding on: the node routes between its pods (cbr0) and the node network (eth0)"));
		families.forEach(f -> lines.add(forwarding(f.family(), shell)));
		for (NodeInFamily f : families) {
			lines.add(comment("eth0 on the node network " + f.network().cidr()));
			lines.add(shell.ip(f.family(), "addr add " + quote(f.onNodeNetwork()) + " dev "
					+ Kubenet.UPLINK + noDad(f.family())));
		}
		lines.add(shell.ip("link set " + Kubenet.UPLINK + " up"));
		lines.add(comment(families.size() == 1
				? "cbr0, the bridge of the pod subnet " + node.podSubnet() + ": its address is every local pod's gateway"
				: "cbr0, the bridge of the pod subnets " + joined(families, f -> f.node().podSubnet())
						+ ": its addresses are every local pod's gateways"));
		lines.add(shell.ip("link add " + Kubenet.BRIDGE + " type bridge"));
		families.forEach(f -> lines.add(shell.ip(f.family(), "addr add " + quote(f.node().bridgeCidr()) + " dev "
				+ Kubenet.BRIDGE + noDad(f.family()))));
		lines.add(shell.ip("link set " + Kubenet.BRIDGE + " up"));
		lines.add(comment("everything else via the gateway, which holds a route to each node's pod subnet"));
		families.forEach(f -> lines.add(shell.ip(f.family(), "route add default via " + quote(f.network().gateway())
				+ " dev " + Kubenet.UPLINK)));
		return lines;
	}

	/**
	 * The pod's veth pair as the CNI bridge plugin plugs it: the host end a port of the node's cbr0
	 * (hairpin on, as kubenet asks), eth0 inside the pod with its IP of each family, default via the
	 * bridge's address of that family.
	 *
	 * @param host the node's shell, where the host end lives
	 * @param inside the pod's network namespace
	 */
	static List<String> pod(Topology topology, PodEndpoint pod, Shell host, Shell inside) {
		NodeSpec node = topology.node(pod.nodeName());
		List<NodeInFamily> families = topology.families(node);
		List<String> cidrs = topology.podCidrs(pod);
		int count = Math.min(families.size(), cidrs.size());
		String veth = quote(pod.hostInterface());
		List<String> lines = new ArrayList<>();
		lines.add(comment("on " + node.name() + ": the veth pair, its host end " + pod.hostInterface() + " a port of "
				+ Kubenet.BRIDGE));
		lines.add(host.ip("link add " + veth + " type veth peer name " + Kubenet.POD_INTERFACE + " netns " + inside.quoted()));
		lines.add(host.ip("link set " + veth + " master " + Kubenet.BRIDGE));
		lines.add(host.ip("link set " + veth + " type bridge_slave hairpin on"));
		lines.add(host.ip("link set " + veth + " up"));
		lines.add(comment(count == 1
				? "inside the pod: eth0 with the pod's IP, default via the bridge " + node.bridgeAddress()
				: "inside the pod: eth0 with the pod's IPs, default via the bridge's "
						+ joined(families, f -> f.node().bridgeAddress())));
		lines.add(inside.ip("link set lo up"));
		if (topology.hasFamily(IpFamily.IPv6)) {
			lines.add(comment("the pod's routes come from podnet, never from router advertisements"));
			lines.add(inside.sysctl("net.ipv6.conf." + Kubenet.POD_INTERFACE + ".accept_ra", "0"));
		}
		for (int i = 0; i < count; i++) {
			IpFamily family = families.get(i).family();
			lines.add(inside.ip(family, "addr add " + quote(cidrs.get(i)) + " dev " + Kubenet.POD_INTERFACE
					+ noDad(family)));
		}
		lines.add(inside.ip("link set " + Kubenet.POD_INTERFACE + " up"));
		for (int i = 0; i < count; i++) {
			NodeInFamily f = families.get(i);
			lines.add(inside.ip(f.family(), "route add default via " + quote(f.node().bridgeAddress()) + " dev "
					+ Kubenet.POD_INTERFACE));
		}
		return lines;
	}

	/** Values of the families for a comment, "10.244.1.0/24 and fd00:10:244:1::/64". */
	private static String joined(List<NodeInFamily> families, Function<NodeInFamily, String> value) {
		return families.stream().map(value).collect(Collectors.joining(" and "));
	}

	private static String forwarding(IpFamily family, Shell shell) {
		return family == IpFamily.IPv4 ? shell.sysctl("net.ipv4.ip_forward", "1")
				: shell.sysctl("net.ipv6.conf.all.forwarding", "1");
	}

	/** IPv6 addresses skip duplicate address detection, so they work at once rather than after a second or two. */
	private static String noDad(IpFamily family) {
		return family == IpFamily.IPv6 ? " nodad" : "";
	}
}

package io.podnet.export;

import static io.podnet.export.ShellWords.comment;
import static io.podnet.export.ShellWords.quote;

import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import java.util.ArrayList;
import java.util.List;

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

	/** eth0 on the node network, forwarding on, one route per node's pod subnet, then the user routes. */
	static List<String> gateway(Topology topology, Shell shell, Uplink uplink) {
		IpFamily family = topology.family();
		List<String> lines = new ArrayList<>();
		lines.add(comment("forwarding on: the gateway routes between the nodes"));
		lines.add(forwarding(family, shell));
		lines.add(comment("eth0 on the node network " + topology.nodeNetwork()));
		lines.add(shell.ip(family, "addr add " + quote(topology.onNodeNetwork(topology.gateway())) + " dev "
				+ Kubenet.UPLINK + noDad(family)));
		lines.add(shell.ip("link set " + Kubenet.UPLINK + " up"));
		List<Route> nodeRoutes = topology.gatewayRoutes().stream().filter(r -> r.kind() == RouteKind.NODE).toList();
		List<Route> userRoutes = topology.gatewayRoutes().stream().filter(r -> r.kind().isUserRoute()).toList();
		if (!nodeRoutes.isEmpty()) {
			lines.add(comment("each node's pod subnet, via that node"));
			nodeRoutes.forEach(route -> lines.add(shell.ip(family, "route add " + destination(route) + " via "
					+ nextHop(route) + " dev " + Kubenet.UPLINK) + "  " + comment(route.node())));
		}
		if (!userRoutes.isEmpty()) {
			lines.add(comment("user routes"));
			if (topology.hasExternalRoutes()) {
				lines.addAll(uplink.setup());
			}
			userRoutes.forEach(route -> lines.add(userRoute(family, shell, route, uplink)));
		}
		return lines;
	}

	private static String userRoute(IpFamily family, Shell shell, Route route, Uplink uplink) {
		return switch (route.kind()) {
			case BLACKHOLE -> shell.ip(family, "route add blackhole " + destination(route));
			case EXTERNAL -> shell.ip(family, "route add " + destination(route) + " dev " + uplink.device());
			case STATIC -> shell.ip(family, "route add " + destination(route) + " via " + nextHop(route) + " dev "
					+ Kubenet.UPLINK);
			default -> throw new IllegalArgumentException("not a user route: " + route);
		};
	}

	/** The destination as ip(8) takes it, 10.244.1.0/24 (never "default": a gateway's 0.0.0.0/0 is written out). */
	private static String destination(Route route) {
		return quote(Addresses.format(route.destination()));
	}

	private static String nextHop(Route route) {
		return quote(Addresses.format(route.nextHop()));
	}

	/** eth0 on the node network, cbr0 holding the bridge address, default via the gateway, forwarding on. */
	static List<String> node(Topology topology, NodeSpec node, Shell shell) {
		IpFamily family = topology.family();
		List<String> lines = new ArrayList<>();
		lines.add(comment("forwarding on: the node routes between its pods (cbr0) and the node network (eth0)"));
		lines.add(forwarding(family, shell));
		lines.add(comment("eth0 on the node network " + topology.nodeNetwork()));
		lines.add(shell.ip(family, "addr add " + quote(topology.onNodeNetwork(node.address())) + " dev "
				+ Kubenet.UPLINK + noDad(family)));
		lines.add(shell.ip("link set " + Kubenet.UPLINK + " up"));
		lines.add(comment("cbr0, the bridge of the pod subnet " + node.podSubnet()
				+ ": its address is every local pod's gateway"));
		lines.add(shell.ip("link add " + Kubenet.BRIDGE + " type bridge"));
		lines.add(shell.ip(family, "addr add " + quote(node.bridgeCidr()) + " dev " + Kubenet.BRIDGE + noDad(family)));
		lines.add(shell.ip("link set " + Kubenet.BRIDGE + " up"));
		lines.add(comment("everything else via the gateway, which holds a route to each node's pod subnet"));
		lines.add(shell.ip(family, "route add default via " + quote(topology.gateway()) + " dev " + Kubenet.UPLINK));
		return lines;
	}

	/**
	 * The pod's veth pair as the CNI bridge plugin plugs it: the host end a port of the node's cbr0
	 * (hairpin on, as kubenet asks), eth0 inside the pod with its IP, default via the bridge.
	 *
	 * @param host the node's shell, where the host end lives
	 * @param inside the pod's network namespace
	 */
	static List<String> pod(Topology topology, PodEndpoint pod, Shell host, Shell inside) {
		IpFamily family = topology.family();
		NodeSpec node = topology.node(pod.nodeName());
		String veth = quote(pod.hostInterface());
		List<String> lines = new ArrayList<>();
		lines.add(comment("on " + node.name() + ": the veth pair, its host end " + pod.hostInterface() + " a port of "
				+ Kubenet.BRIDGE));
		lines.add(host.ip("link add " + veth + " type veth peer name " + Kubenet.POD_INTERFACE + " netns " + inside.quoted()));
		lines.add(host.ip("link set " + veth + " master " + Kubenet.BRIDGE));
		lines.add(host.ip("link set " + veth + " type bridge_slave hairpin on"));
		lines.add(host.ip("link set " + veth + " up"));
		lines.add(comment("inside the pod: eth0 with the pod's IP, default via the bridge " + node.bridgeAddress()));
		lines.add(inside.ip("link set lo up"));
		if (family == IpFamily.IPv6) {
			lines.add(comment("the pod's routes come from podnet, never from router advertisements"));
			lines.add(inside.sysctl("net.ipv6.conf." + Kubenet.POD_INTERFACE + ".accept_ra", "0"));
		}
		lines.add(inside.ip(family, "addr add " + quote(topology.podCidr(pod)) + " dev " + Kubenet.POD_INTERFACE
				+ noDad(family)));
		lines.add(inside.ip("link set " + Kubenet.POD_INTERFACE + " up"));
		lines.add(inside.ip(family, "route add default via " + quote(node.bridgeAddress()) + " dev "
				+ Kubenet.POD_INTERFACE));
		return lines;
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

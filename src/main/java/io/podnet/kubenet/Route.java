package io.podnet.kubenet;

import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * One entry of a device's route table: the one model of a route, from the table stored for the
 * gateway to the tracer's longest-prefix match, the exported ip(8) commands and the API's answer.
 *
 * @param destination the network the route covers, a prefix block (10.244.1.0/24, 0.0.0.0/0)
 * @param kind why the route is there, and so what a device does with a packet it matches
 * @param nextHop for a route via a neighbour, that neighbour; null otherwise
 * @param device the interface the packet leaves by; null for a blackhole, optional for an
 *        external route
 * @param node for a {@link RouteKind#NODE} route, the node whose pod subnet it reaches
 */
public record Route(IPAddress destination, RouteKind kind, IPAddress nextHop, String device, String node) {

	/** What a device does with a packet the route matches. */
	public enum Forwarding {
		/** "dev X": the destination itself is on the link; it is the neighbour. */
		CONNECTED,
		/** "via A dev X": hand the packet to the neighbour A. */
		VIA,
		/** Discard the packet, as Linux's blackhole routes do. */
		BLACKHOLE,
		/** The packet leaves the cluster; what lies beyond is not modeled. */
		EXTERNAL
	}

	public Route {
		Objects.requireNonNull(destination, "destination");
		Objects.requireNonNull(kind, "kind");
		if (!destination.isPrefixed()) {
			throw new IllegalArgumentException("route destination " + destination + " needs a prefix length");
		}
		if (!destination.isPrefixBlock()) {
			throw new IllegalArgumentException("route destination " + destination + " has host bits set; did you mean "
					+ destination.toPrefixBlock().toCanonicalString() + "?");
		}
		Forwarding forwarding = kind.forwarding();
		if ((forwarding == Forwarding.VIA) != (nextHop != null)) {
			throw new IllegalArgumentException("a " + kind + " route to " + destination
					+ (nextHop == null ? " needs a next hop" : " has no next hop"));
		}
		if ((forwarding == Forwarding.CONNECTED || forwarding == Forwarding.VIA) && (device == null || device.isBlank())) {
			throw new IllegalArgumentException("a " + kind + " route to " + destination + " needs the interface it leaves by");
		}
		if (forwarding == Forwarding.BLACKHOLE && device != null) {
			throw new IllegalArgumentException("a blackhole route sends nothing out of " + device);
		}
		if ((kind == RouteKind.NODE) != (node != null)) {
			throw new IllegalArgumentException(kind == RouteKind.NODE ? "a node route to " + destination
					+ " needs its node" : "only a node route belongs to a node, not a " + kind + " route");
		}
		nextHop = nextHop == null ? null : nextHop.withoutPrefixLength();
	}

	/** {@code 10.244.0.0/24 dev cbr0}: the destination is on the link behind that interface. */
	public static Route connected(IPAddress destination, String device) {
		return new Route(destination, RouteKind.CONNECTED, null, device, null);
	}

	/**
	 * {@code 10.244.1.0/24 via 10.100.0.3 dev eth0}: a default route when the destination is
	 * everything, else a static one.
	 */
	public static Route via(IPAddress destination, IPAddress nextHop, String device) {
		RouteKind kind = destination.getNetworkPrefixLength() == 0 ? RouteKind.DEFAULT : RouteKind.STATIC;
		return new Route(destination, kind, nextHop, device, null);
	}

	/** A node's pod subnet on the gateway, {@code 10.244.1.0/24 via 10.100.0.3 dev eth0}, owned by the node. */
	public static Route toNode(IPAddress podSubnet, IPAddress nodeAddress, String device, String node) {
		return new Route(podSubnet, RouteKind.NODE, nodeAddress, device, node);
	}

	/** {@code blackhole 10.244.200.0/24}. */
	public static Route blackhole(IPAddress destination) {
		return new Route(destination, RouteKind.BLACKHOLE, null, null, null);
	}

	/** A route out of the cluster, e.g. the gateway's {@code 0.0.0.0/0}; device may be null. */
	public static Route external(IPAddress destination, String device) {
		return new Route(destination, RouteKind.EXTERNAL, null, device, null);
	}

	public Forwarding forwarding() {
		return kind.forwarding();
	}

	/**
	 * The route as people read it, after {@code ip route}: {@code 10.244.1.0/24 via 10.100.0.3},
	 * {@code 10.244.0.0/24 dev cbr0}, {@code default via 10.244.0.1}, {@code blackhole
	 * 10.244.200.0/24}, {@code default external}. A via route leaves out its device: the next hop
	 * already says where the packet goes.
	 */
	public String label() {
		String network = destination.getNetworkPrefixLength() == 0 ? "default" : destination.toCanonicalString();
		return switch (forwarding()) {
			case CONNECTED -> network + " dev " + device;
			case VIA -> network + " via " + nextHop.toCanonicalString();
			case BLACKHOLE -> "blackhole " + network;
			case EXTERNAL -> network + " external" + (device == null ? "" : " dev " + device);
		};
	}

	@Override
	public String toString() {
		return label();
	}
}

package io.podnet.path;

import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * One entry of a device's route table.
 *
 * @param destination the network the route covers, a prefix block (10.244.1.0/24, 0.0.0.0/0)
 * @param type what the device does with a packet the route matches
 * @param nextHop for {@link Type#VIA}, the neighbour to hand the packet to; null otherwise
 * @param device the interface the packet leaves by; null for a blackhole, optional for an
 *        external route
 */
public record Route(IPAddress destination, Type type, IPAddress nextHop, String device) {

	/** What a device does with a packet the route matches. */
	public enum Type {
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
		Objects.requireNonNull(type, "type");
		if (!destination.isPrefixed()) {
			throw new IllegalArgumentException("route destination " + destination + " needs a prefix length");
		}
		if (!destination.isPrefixBlock()) {
			throw new IllegalArgumentException("route destination " + destination + " has host bits set; did you mean "
					+ destination.toPrefixBlock().toCanonicalString() + "?");
		}
		if ((type == Type.VIA) != (nextHop != null)) {
			throw new IllegalArgumentException("a " + type + " route to " + destination
					+ (nextHop == null ? " needs a next hop" : " has no next hop"));
		}
		if ((type == Type.CONNECTED || type == Type.VIA) && (device == null || device.isBlank())) {
			throw new IllegalArgumentException("a " + type + " route to " + destination + " needs the interface it leaves by");
		}
		if (type == Type.BLACKHOLE && device != null) {
			throw new IllegalArgumentException("a blackhole route sends nothing out of " + device);
		}
		nextHop = nextHop == null ? null : nextHop.withoutPrefixLength();
	}

	/** {@code 10.244.0.0/24 dev cbr0}: the destination is on the link behind that interface. */
	public static Route connected(IPAddress destination, String device) {
		return new Route(destination, Type.CONNECTED, null, device);
	}

	/** {@code 10.244.1.0/24 via 10.100.0.3 dev eth0}. */
	public static Route via(IPAddress destination, IPAddress nextHop, String device) {
		return new Route(destination, Type.VIA, nextHop, device);
	}

	/** {@code blackhole 10.244.200.0/24}. */
	public static Route blackhole(IPAddress destination) {
		return new Route(destination, Type.BLACKHOLE, null, null);
	}

	/** A route out of the cluster, e.g. the gateway's {@code 0.0.0.0/0}; device may be null. */
	public static Route external(IPAddress destination, String device) {
		return new Route(destination, Type.EXTERNAL, null, device);
	}

	/**
	 * The route as people read it, after {@code ip route}: {@code 10.244.1.0/24 via 10.100.0.3},
	 * {@code 10.244.0.0/24 dev cbr0}, {@code default via 10.244.0.1}, {@code blackhole
	 * 10.244.200.0/24}, {@code default external}. A via route leaves out its device: the next hop
	 * already says where the packet goes.
	 */
	public String label() {
		String network = destination.getNetworkPrefixLength() == 0 ? "default" : destination.toCanonicalString();
		return switch (type) {
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

package io.podnet.kubenet;

/**
 * Why a route is in a table, as the API shows it; what a device does with a packet it matches
 * follows from it ({@link #forwarding()}).
 */
public enum RouteKind {
	/** The device has an address on that network: delivered on the link, no next hop. */
	CONNECTED(Route.Forwarding.CONNECTED),
	/** The default route of a node (via the gateway) or a pod (via its node's bridge). */
	DEFAULT(Route.Forwarding.VIA),
	/** A node's pod subnet on the gateway, via that node; owned by the node. */
	NODE(Route.Forwarding.VIA),
	/** A user route on the gateway: via a next hop on the node network. */
	STATIC(Route.Forwarding.VIA),
	/** A user route on the gateway: drop what matches (ip route add blackhole ...). */
	BLACKHOLE(Route.Forwarding.BLACKHOLE),
	/** A user route on the gateway: out of the cluster, e.g. a default route to the outside world. */
	EXTERNAL(Route.Forwarding.EXTERNAL);

	private final Route.Forwarding forwarding;

	RouteKind(Route.Forwarding forwarding) {
		this.forwarding = forwarding;
	}

	/** What a device does with a packet a route of this kind matches. */
	public Route.Forwarding forwarding() {
		return forwarding;
	}

	/** The kinds a user may add to the gateway with POST .../routes. */
	public boolean isUserRoute() {
		return this == STATIC || this == BLACKHOLE || this == EXTERNAL;
	}
}

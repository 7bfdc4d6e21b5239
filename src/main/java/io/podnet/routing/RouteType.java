package io.podnet.routing;

/** Why a route is in a table. */
public enum RouteType {
	/** The device has an address on that network: delivered on the link, no next hop. */
	CONNECTED,
	/** The default route of a node or pod. */
	DEFAULT,
	/** A node's pod subnet on the gateway, via that node; owned by the node. */
	NODE,
	/** A user route on the gateway: via a next hop on the node network. */
	STATIC,
	/** A user route on the gateway: drop what matches (ip route add blackhole ...). */
	BLACKHOLE,
	/** A user route on the gateway: out of the cluster, e.g. a default route to the outside world. */
	EXTERNAL;

	/** The types a user may add to the gateway with POST .../routes. */
	public boolean isUserRoute() {
		return this == STATIC || this == BLACKHOLE || this == EXTERNAL;
	}
}

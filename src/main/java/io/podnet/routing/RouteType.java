package io.podnet.routing;

/** Why a route is in a table. */
public enum RouteType {
	/** The device has an address on that network: delivered on the link, no next hop. */
	CONNECTED,
	/** The default route of a node or pod. */
	DEFAULT,
	/** A node's pod subnet on the gateway, via that node; owned by the node. */
	NODE
}

package io.podnet.reachability;

/** Which source pods a class holds, relative to the destination. */
public enum SourceScope {
	/** Each pod to itself. */
	SAME_POD,
	/** Pods on the node the destination belongs to (its pods, its bridge, its own address). */
	SAME_NODE,
	/** Pods on every other node than the destination's. */
	OTHER_NODES,
	/** Pods on every node: the destination belongs to none (the gateway, the node network, a route's prefix). */
	EVERY_NODE
}

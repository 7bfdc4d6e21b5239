package io.podnet.reachability;

/**
 * What a destination class is. Pods are counted in pairs; the other kinds are the addresses
 * around them, reported one class per kind and outcome.
 */
public enum DestinationKind {
	/** Pods of one node that listen, or do not listen, on the port. */
	POD,
	/** A node's bridge (cbr0), the first address of its pod subnet. */
	BRIDGE,
	/** The addresses of a node's pod subnet that no pod or bridge owns. */
	FREE_POD_ADDRESS,
	/** A node's own address on the node network. */
	NODE,
	/** The gateway's address. */
	GATEWAY,
	/** The addresses of the node network that neither the gateway nor a node owns. */
	FREE_NODE_ADDRESS,
	/** The addresses whose longest match among the route tables' prefixes is one prefix: a user route's, or none (the rest). */
	PREFIX
}

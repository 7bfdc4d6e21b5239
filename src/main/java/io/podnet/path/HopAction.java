package io.podnet.path;

/**
 * What one device did with the packet. Every hop but the last passes it on (ORIGINATED, ROUTED,
 * BRIDGED); the last hop's action is the trace's disposition.
 */
public enum HopAction {
	/** The source's own routing decision; the sender does not decrement the TTL. */
	ORIGINATED,
	/** A router's decision: the TTL drops by one. */
	ROUTED,
	/** A node's bridge switched the frame between two of its ports: no routing, TTL unchanged. */
	BRIDGED,
	ACCEPTED, REFUSED, NO_ROUTE, NULL_ROUTED, NEIGHBOR_UNREACHABLE, EXITS_NETWORK, LOOP;

	public static HopAction of(Disposition disposition) {
		return valueOf(disposition.name());
	}
}

package io.podnet.path;

/** How a trace ends, after Batfish's flow dispositions. */
public enum Disposition {
	/** The destination owns the address and, if a port was asked, a container declares it. */
	ACCEPTED(true),
	/** The destination owns the address but no container declares that port and protocol. */
	REFUSED(false),
	/** No route matches ("Network is unreachable"), or a pod was asked to forward. */
	NO_ROUTE(false),
	/** A blackhole route matched and discarded the packet. */
	NULL_ROUTED(false),
	/** The route points into a segment where nobody owns the neighbour's address (ARP fails). */
	NEIGHBOR_UNREACHABLE(false),
	/** An external route took the packet out of the cluster. */
	EXITS_NETWORK(true),
	/** The packet came back to where it had been, or its TTL ran out. */
	LOOP(false);

	private final boolean success;

	Disposition(boolean success) {
		this.success = success;
	}

	public boolean isSuccess() {
		return success;
	}
}

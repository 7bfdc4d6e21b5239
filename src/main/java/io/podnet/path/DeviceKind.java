package io.podnet.path;

/** What a device is in a routes-based pod network. */
public enum DeviceKind {
	/** A pod's network namespace: a host, never a router (ip_forward=0). */
	POD(false),
	/** A node: routes between its bridge (cbr0) and the node network. */
	NODE(true),
	/** The node network's router, holding one route per node pod subnet. */
	GATEWAY(true);

	private final boolean forwards;

	DeviceKind(boolean forwards) {
		this.forwards = forwards;
	}

	/** Whether a device of this kind routes packets that are not addressed to it. */
	public boolean forwards() {
		return forwards;
	}
}

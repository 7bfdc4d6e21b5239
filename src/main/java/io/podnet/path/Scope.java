package io.podnet.path;

import java.util.List;

/**
 * How far the packet went, read off the hops after the trace (the tracer itself never asks
 * "same node or not"; it only forwards).
 */
public enum Scope {
	/** It never left the source pod: localhost, the pod's own address, or no route out. */
	SAME_POD,
	/** It left the pod but not the node: through the bridge, or to the node itself. */
	SAME_NODE,
	/** It reached beyond the source's node: the gateway, another node, a pod there. */
	CROSS_NODE,
	/** An external route took it out of the cluster. */
	EXTERNAL;

	public static Scope of(Disposition disposition, List<Hop> hops) {
		if (disposition == Disposition.EXITS_NETWORK) {
			return EXTERNAL;
		}
		// A hop with a real exit interface put the packet (or at least its ARP request) on a link.
		boolean leftThePod = hops.stream().anyMatch(hop -> hop.outInterface() != null && !hop.outInterface().equals("lo"));
		if (!leftThePod) {
			return SAME_POD;
		}
		String firstNode = hops.stream()
				.filter(hop -> hop.kind() == DeviceKind.NODE)
				.map(Hop::device)
				.findFirst()
				.orElse(null);
		boolean beyondNode = hops.stream().anyMatch(hop -> hop.kind() == DeviceKind.GATEWAY
				|| hop.kind() == DeviceKind.NODE && !hop.device().equals(firstNode));
		return beyondNode ? CROSS_NODE : SAME_NODE;
	}
}

package io.podnet.reachability;

import io.podnet.path.Flow;
import io.podnet.path.Trace;

/**
 * One class of flows and how its representative went.
 *
 * @param scope which source pods it holds, relative to the destination
 * @param kind what the destinations are
 * @param prefix for {@link DestinationKind#PREFIX}, the prefix whose atom it is; null otherwise
 * @param node the node the destination belongs to (a pod's, a bridge's...), or null for none
 * @param listening for pods, whether they listen on the port
 * @param destination what the class's destinations are called: a pod's name, an address, a prefix
 * @param destinationPods how many selected pods the destinations are (0 for addresses)
 * @param pairs how many ordered pod pairs the class holds (0 for addresses)
 * @param source the pod the flow was traced from
 * @param flow the flow traced
 * @param trace how it went (without words); every flow of the class goes the same way to the same
 *        disposition. Null until traced.
 */
record TracedClass(SourceScope scope, DestinationKind kind, String prefix, String node, boolean listening,
		String destination, long destinationPods, long pairs, PodSample source, Flow flow, Trace trace) {

	TracedClass decided(Trace how) {
		return new TracedClass(scope, kind, prefix, node, listening, destination, destinationPods, pairs, source, flow,
				how);
	}
}

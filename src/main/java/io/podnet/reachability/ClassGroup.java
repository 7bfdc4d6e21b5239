package io.podnet.reachability;

import io.podnet.path.Disposition;
import java.util.List;

/**
 * Classes that end alike, reported as one: the same sources relative to the destination, the same
 * kind of destination, the same disposition, stopping at the same kind of device. What tells them
 * apart (which node) shows in the examples; the example flow is the first class's.
 *
 * @param sourcePods how many selected pods send flows of the group
 * @param sourceNodes on how many nodes
 * @param destinationPods how many selected pods receive them (0 for addresses)
 * @param destinations how many classes the group holds: node by node, or prefix by prefix
 * @param destinationExamples the first few destinations, by name or address
 * @param pairs the ordered pod pairs of the group (0 for addresses)
 */
record ClassGroup(SourceScope scope, DestinationKind kind, String prefix, boolean listening, Disposition disposition,
		long sourcePods, int sourceNodes, long destinationPods, int destinations, List<String> destinationExamples,
		long pairs, TracedClass example) {
}

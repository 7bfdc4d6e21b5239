package io.podnet.reachability;

import java.util.List;

/**
 * The pods of one node that listen (or do not listen) on the asked port: as destinations they are
 * one class, since the tracer decides ACCEPTED or REFUSED from the port alone, and as sources every
 * pod of a node forwards like the others.
 *
 * @param node the node's name
 * @param listening whether a container declares the asked port and protocol (always true without a port)
 * @param sources how many of them the {@code from} filter selects
 * @param destinations how many of them the {@code to} filter selects
 * @param both how many both filters select: the pairs of a pod with itself
 * @param sourceSamples up to two selected sources
 * @param destinationSamples up to two selected destinations
 * @param bothSample a pod both select, or null
 */
record PodGroup(String node, boolean listening, long sources, long destinations, long both,
		List<PodSample> sourceSamples, List<PodSample> destinationSamples, PodSample bothSample) {
}

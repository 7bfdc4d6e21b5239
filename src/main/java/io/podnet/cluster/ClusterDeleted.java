package io.podnet.cluster;

/**
 * Published inside the transaction that deletes a cluster, before its row goes: what refers to it
 * (its user routes) goes with it, and once committed, caches of its state let go of it.
 */
public record ClusterDeleted(long clusterId, String name) {
}

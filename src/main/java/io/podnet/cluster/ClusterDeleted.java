package io.podnet.cluster;

/** Published when a cluster is deleted, so caches of its state can let go of it. */
public record ClusterDeleted(long clusterId, String name) {
}

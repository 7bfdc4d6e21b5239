package io.podnet.node;

/**
 * One node's pod addresses: how many it can hand out (its pod subnet's usable addresses, at most
 * the cluster's maxPodsPerNode) and how many its pods hold.
 */
public record NodeUsage(long clusterId, String node, int podAddresses, int pods) {
}

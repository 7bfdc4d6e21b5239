package io.podnet.cluster;

/**
 * Published inside the transaction that gives a cluster a second address family, once the cluster
 * row holds it: the nodes get their subnets and addresses of it, then the pods their addresses, then
 * the gateway its routes (listeners in that {@link org.springframework.core.annotation.Order}), all
 * or nothing. A listener that finds the family cannot hold what exists throws, and nothing changes.
 */
public record FamilyAdded(Cluster cluster, ClusterNetworks family) {

	/** The listeners' order: nodes first, whose subnets the pods' addresses come from. */
	public static final int NODES = 1;
	public static final int PODS = 2;
	public static final int ROUTES = 3;
}

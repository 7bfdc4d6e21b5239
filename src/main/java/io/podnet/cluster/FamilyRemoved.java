package io.podnet.cluster;

/**
 * Published inside the transaction that takes a cluster's second address family away, before the
 * cluster row lets go of it: the gateway's routes of that family go first (a user route of it
 * refuses the change), then the nodes' subnets and addresses of it (their pod counters locked, so
 * no pod is created meanwhile), then the pods' addresses, all or nothing.
 */
public record FamilyRemoved(Cluster cluster, ClusterNetworks family) {

	public static final int ROUTES = 1;
	public static final int NODES = 2;
	public static final int PODS = 3;
}

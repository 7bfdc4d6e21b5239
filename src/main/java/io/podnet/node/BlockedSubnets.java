package io.podnet.node;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import java.math.BigInteger;
import java.util.Set;

/**
 * Node subnets (by network address) a node may not get: user routes on the gateway with a prefix
 * at least as long fall in them and would take their traffic. Answered by the routing feature,
 * which owns the routes; node allocation asks, under the cluster row's lock.
 */
public interface BlockedSubnets {

	/** In that family of the cluster. */
	Set<BigInteger> in(Cluster cluster, ClusterNetworks family);
}

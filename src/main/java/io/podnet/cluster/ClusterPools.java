package io.podnet.cluster;

import java.math.BigInteger;

/**
 * How much a cluster can hand out: the node subnets its pod network holds and the node addresses
 * its node network holds (the gateway's excepted). Fixed when the cluster is created.
 */
public record ClusterPools(long id, String name, BigInteger nodeSubnets, BigInteger nodeAddresses) {
}

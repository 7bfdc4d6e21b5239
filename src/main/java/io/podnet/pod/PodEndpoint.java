package io.podnet.pod;

import java.time.Instant;
import java.math.BigInteger;
import java.util.List;

/**
 * A pod as the network sees it: where it sits (its node, its IP, the host end of its veth) and
 * what its containers listen on, with the ids, the cluster's creation time (which tells a cluster from an earlier one whose id the
 * database handed out again, after a restore) and its routesVersion that a trace needs. Read
 * with plain SQL by {@link PodEndpoints} for the path tracer and the exports. Pods never change
 * after they are created, so this is the pod as long as it exists.
 */
public record PodEndpoint(long clusterId, Instant clusterCreatedAt, long routesVersion, long id, String namespace, String name, long nodeId,
		String nodeName, String ip, BigInteger ipValue, String hostInterface, List<Container> containers,
		String secondaryIp, BigInteger secondaryIpValue) {

	/** A pod of a single-stack cluster. */
	public PodEndpoint(long clusterId, Instant clusterCreatedAt, long routesVersion, long id, String namespace,
			String name, long nodeId, String nodeName, String ip, BigInteger ipValue, String hostInterface,
			List<Container> containers) {
		this(clusterId, clusterCreatedAt, routesVersion, id, namespace, name, nodeId, nodeName, ip, ipValue,
				hostInterface, containers, null, null);
	}

	/** Its address (by value) in the cluster's first family, or with {@code secondary} in its second. */
	public BigInteger ipValue(boolean secondary) {
		return secondary ? secondaryIpValue : ipValue;
	}

	public PodRef ref() {
		return new PodRef(namespace, name);
	}

	/** "default/web", as kubectl names a pod across namespaces. */
	public String qualifiedName() {
		return ref().toString();
	}
}

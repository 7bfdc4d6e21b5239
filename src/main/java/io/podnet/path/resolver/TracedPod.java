package io.podnet.path.resolver;

import io.podnet.pod.Container;
import java.math.BigInteger;
import java.util.List;

/**
 * What a trace needs of a pod, read in one statement together with its node's name and its
 * cluster's routesVersion (see {@link TracedPods}). Pods never change after they are created, so
 * this is the pod as long as it exists.
 */
record TracedPod(long clusterId, long routesVersion, long id, String namespace, String name, long nodeId,
		String nodeName, String ip, BigInteger ipValue, String hostInterface, List<Container> containers) {

	/** "default/web", as kubectl names a pod across namespaces. */
	String qualifiedName() {
		return namespace + "/" + name;
	}

	boolean is(PodRef ref) {
		return namespace.equals(ref.namespace()) && name.equals(ref.name());
	}

	/** A pod as the API names it: namespace and name. */
	record PodRef(String namespace, String name) {

		@Override
		public String toString() {
			return namespace + "/" + name;
		}
	}
}

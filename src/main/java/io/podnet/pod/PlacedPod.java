package io.podnet.pod;

import io.podnet.labels.Labels;
import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;

/**
 * A pod as a whole-cluster question reads it, one row at a time: where it is and, as stored, what
 * it declares and carries. Containers and labels stay JSON text until asked for, since most pods
 * of a 150,000-pod read are only counted.
 */
public record PlacedPod(String namespace, String name, long nodeId, BigInteger ipValue, String hostInterface,
		String containersJson, String labelsJson) {

	private static final ContainersColumn CONTAINERS = new ContainersColumn();

	public PodRef ref() {
		return new PodRef(namespace, name);
	}

	public List<Container> containers() {
		return CONTAINERS.convertToEntityAttribute(containersJson);
	}

	public SortedMap<String, String> labels() {
		return Labels.fromColumn(labelsJson);
	}

	/**
	 * Whether a container declares that port and protocol. The text is looked at first: a pod whose
	 * containers' JSON does not even hold the number declares no such port, and most pods are that.
	 */
	public boolean declares(int port, String protocol) {
		if (!containersJson.contains(Integer.toString(port))) {
			return false;
		}
		return containers().stream().flatMap(container -> container.ports().stream())
				.anyMatch(declared -> declared.containerPort() == port && declared.protocol().equals(protocol));
	}
}

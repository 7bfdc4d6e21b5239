package io.podnet.pod;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Kubenet;
import io.podnet.node.Node;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.podnet.labels.Labels;

@Schema(name = "Pod", description = "A pod with its IP, its network plumbing and its containers")
record PodView(
		@Schema(example = "default") String namespace,
		@Schema(example = "web") String name,
		@Schema(description = Labels.LABELS_DOC, example = "{\"app\": \"web\"}") Map<String, String> labels,
		@Schema(description = Labels.ANNOTATIONS_DOC) Map<String, String> annotations,
		@Schema(example = "node-1") String nodeName,
		@Schema(description = "The pod's address in the primary family", example = "10.244.0.2") String ip,
		@Schema(description = "Its address in each family of the cluster, primary first, as Kubernetes'"
				+ " status.podIPs; the first is ip", example = "[\"10.244.0.2\"]") List<String> ips,
		Network network,
		InfraContainer infraContainer,
		List<Container> containers,
		Instant createdAt,
		@Schema(description = "The pod's version; its ETag", example = "0") String resourceVersion) {

	/** The pause container holds the network namespace that every other container joins. */
	static final InfraContainer PAUSE = new InfraContainer(Kubenet.PAUSE_CONTAINER, Kubenet.PAUSE_IMAGE);

	@Schema(name = "PodNetwork", description = "eth0 inside the pod, the host end of its veth pair, and its gateway")
	record Network(@JsonProperty("interface") @Schema(example = "eth0") String interfaceName, @Schema(example = "veth1a2b3c4d") String hostInterface,
			@Schema(example = "cbr0") String bridge,
			@Schema(description = "Its default gateway in the primary family: the node's bridge", example = "10.244.0.1")
			String gateway,
			@Schema(description = "Its default gateway in each family, primary first", example = "[\"10.244.0.1\"]")
			List<String> gateways) {
	}

	@Schema(name = "InfraContainer", description = "The pause container: holds the pod's network namespace")
	record InfraContainer(@Schema(example = "pause") String name, @Schema(example = "registry.k8s.io/pause:3.10") String image) {
	}

	static PodView of(Pod pod) {
		return of(pod, pod.labels(), pod.annotations(), pod.getVersion());
	}

	/** The pod with labels, annotations and version changed in this transaction (the entity keeps those it was read with). */
	static PodView of(Pod pod, Map<String, String> labels, Map<String, String> annotations, long version) {
		Node node = pod.getNode();
		List<String> gateways = node.families().stream().map(family -> Addresses.format(family.bridgeAddress())).toList();
		return new PodView(pod.getNamespace(), pod.getName(), labels, annotations, node.getName(), pod.getIp(), pod.ips(),
				new Network(Kubenet.POD_INTERFACE, pod.getHostInterface(), Kubenet.BRIDGE, gateways.get(0), gateways), PAUSE,
				pod.getContainers(), pod.getCreatedAt(), String.valueOf(version));
	}

	/** A pod just created: at version 0, where every row starts. */
	static PodView created(PodWrites.NewPod pod, String nodeName, List<String> gateways) {
		List<String> ips = pod.secondaryIp() == null ? List.of(pod.ip()) : List.of(pod.ip(), pod.secondaryIp());
		return new PodView(pod.namespace(), pod.name(), pod.labels(), pod.annotations(), nodeName, pod.ip(), ips,
				new Network(Kubenet.POD_INTERFACE, pod.hostInterface(), Kubenet.BRIDGE, gateways.get(0), gateways), PAUSE,
				pod.containers(),
				pod.createdAt(), "0");
	}
}

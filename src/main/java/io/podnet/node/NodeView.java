package io.podnet.node;

import io.podnet.kubenet.Kubenet;
import io.podnet.labels.Labels;
import io.podnet.ipam.Addresses;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Node", description = "A node with its eth0 address, its pod subnet and its cbr0 bridge")
public record NodeView(
		@Schema(example = "node-1") String name,
		@Schema(description = Labels.LABELS_DOC, example = "{\"zone\": \"a\"}") Map<String, String> labels,
		@Schema(description = Labels.ANNOTATIONS_DOC) Map<String, String> annotations,
		@Schema(description = "eth0 address on the node network", example = "10.100.0.2") String address,
		@Schema(description = "The node's pod subnet (podCIDR) of the primary family", example = "10.244.0.0/24") String podSubnet,
		@Schema(description = "eth0's address in each family of the cluster, primary first; the first is address",
				example = "[\"10.100.0.2\"]") List<String> addresses,
		@Schema(description = "The node's pod subnet in each family of the cluster, primary first, as Kubernetes'"
				+ " spec.podCIDRs; the first is podSubnet", example = "[\"10.244.0.0/24\"]") List<String> podSubnets,
		Bridge bridge,
		Pods pods,
		Instant createdAt,
		@Schema(description = "Changes whenever the node does (pods added or removed too); its ETag", example = "2")
		String resourceVersion) {

	@Schema(name = "Bridge", description = "The node's bridge; its address is every local pod's default gateway")
	public record Bridge(@Schema(example = "cbr0") String name, @Schema(example = "10.244.0.1") String address,
			@Schema(description = "Its address in each family, primary first", example = "[\"10.244.0.1\"]")
			List<String> addresses) {
	}

	@Schema(name = "PodUsage", description = "Pod slots on the node")
	public record Pods(@Schema(example = "110") int capacity, @Schema(example = "0") int allocated) {
	}

	public static NodeView of(Node node) {
		return of(node, node.labels(), node.annotations(), node.getVersion());
	}

	/** The node as it was when it was deleted: with the pods and version read under its lock. */
	static NodeView last(Node node, int podCount, long version) {
		return new NodeView(node.getName(), node.labels(), node.annotations(), node.getAddress(), node.getPodSubnet(),
				addresses(node.families()), podSubnets(node.families()), bridge(node), new Pods(node.podCapacity(), podCount),
				node.getCreatedAt(), String.valueOf(version));
	}

	/** The node with labels, annotations and version changed in this transaction (the entity keeps those it was read with). */
	static NodeView of(Node node, Map<String, String> labels, Map<String, String> annotations, long version) {
		return new NodeView(node.getName(), labels, annotations, node.getAddress(), node.getPodSubnet(),
				addresses(node.families()), podSubnets(node.families()), bridge(node), new Pods(node.podCapacity(), node.getPodCount()),
				node.getCreatedAt(), String.valueOf(version));
	}

	private static List<String> addresses(List<NodeFamily> families) {
		return families.stream().map(family -> Addresses.format(family.address())).toList();
	}

	private static List<String> podSubnets(List<NodeFamily> families) {
		return families.stream().map(family -> Addresses.format(family.podSubnet())).toList();
	}

	private static Bridge bridge(Node node) {
		return new Bridge(Kubenet.BRIDGE, node.bridgeAddress(),
				node.families().stream().map(family -> Addresses.format(family.bridgeAddress())).toList());
	}
}

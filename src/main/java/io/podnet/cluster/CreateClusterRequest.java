package io.podnet.cluster;

import io.podnet.api.Names;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateClusterRequest", description = "A new cluster: its node network and its pod network")
@NetworksGiven
record CreateClusterRequest(
		@Schema(description = "Cluster name, a DNS-1123 label, unique", example = "demo", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String name,

		@Schema(description = "The network the nodes' eth0 live on (one L2 segment), in CIDR notation: the primary"
				+ " family's. Required unless nodeNetworks is given", example = "10.100.0.0/24")
		String nodeNetwork,

		@Schema(description = "The node network's gateway, which holds one route per node subnet. "
				+ "Default: the first usable address of the node network", example = "10.100.0.1")
		String gateway,

		@Schema(description = "The cluster-wide pod network (cluster CIDR), carved into one subnet per node; "
				+ "must not overlap the node network. The primary family's; required unless podNetworks is given",
				example = "10.244.0.0/16")
		String podNetwork,

		@Schema(description = "Prefix length of each node's pod subnet. Default: 24 for IPv4, 64 for IPv6", example = "24")
		@Min(1) @Max(128)
		Integer nodeSubnetPrefixLength,

		@Schema(description = "Pods per node at most (Kubernetes' maxPods). Default: 110", example = "110")
		@Min(1) @Max(CreateClusterRequest.MAX_PODS_PER_NODE)
		Integer maxPodsPerNode,

		@Schema(description = Labels.LABELS_DOC, example = "{\"env\": \"prod\"}")
		Map<String, String> labels,

		@Schema(description = Labels.ANNOTATIONS_DOC)
		Map<String, String> annotations,

		@ArraySchema(arraySchema = @Schema(description = "Dual-stack: the pod network of each address family, primary"
				+ " first (one IPv4 and one IPv6 network), as Kubernetes' --cluster-cidr lists them. Instead of"
				+ " podNetwork, or with it if its first entry is podNetwork", example = "[\"10.244.0.0/16\", \"fd00:10:244::/56\"]"),
				maxItems = ClusterFamilies.MAX_FAMILIES)
		@Size(max = 16)
		List<String> podNetworks,

		@ArraySchema(arraySchema = @Schema(description = "The node network of each family, in the order of podNetworks",
				example = "[\"10.100.0.0/24\", \"fd00:10:100::/64\"]"), maxItems = ClusterFamilies.MAX_FAMILIES)
		@Size(max = 16)
		List<String> nodeNetworks,

		@ArraySchema(arraySchema = @Schema(description = "The gateway of each family, in the order of podNetworks;"
				+ " each defaults to the first usable address of its node network", example = "[\"10.100.0.1\", \"fd00:10:100::1\"]"),
				maxItems = ClusterFamilies.MAX_FAMILIES)
		@Size(max = 16)
		List<String> gateways,

		@ArraySchema(arraySchema = @Schema(description = "Prefix length of each family's node subnets, in the order of"
				+ " podNetworks. Default: 24 for IPv4, 64 for IPv6", example = "[24, 64]"), maxItems = ClusterFamilies.MAX_FAMILIES)
		@Size(max = 16)
		List<@Min(1) @Max(128) Integer> nodeSubnetPrefixLengths) {

	static final int MAX_PODS_PER_NODE = 1_000_000;
}

package io.podnet.cluster;

import io.podnet.api.Names;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateClusterRequest", description = "A new cluster: its node network and its pod network")
record CreateClusterRequest(
		@Schema(description = "Cluster name, a DNS-1123 label, unique", example = "demo", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String name,

		@Schema(description = "The network the nodes' eth0 live on (one L2 segment), in CIDR notation",
				example = "10.100.0.0/24", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull
		String nodeNetwork,

		@Schema(description = "The node network's gateway, which holds one route per node subnet. "
				+ "Default: the first usable address of the node network", example = "10.100.0.1")
		String gateway,

		@Schema(description = "The cluster-wide pod network (cluster CIDR), carved into one subnet per node; "
				+ "must not overlap the node network", example = "10.244.0.0/16", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull
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
		Map<String, String> annotations) {

	static final int MAX_PODS_PER_NODE = 1_000_000;
}

package io.podnet.node;

import io.podnet.api.Names;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateNodeRequest", description = "A new node; its address and pod subnet are allocated unless given")
public record CreateNodeRequest(
		@Schema(description = "Node name, a DNS-1123 label, unique in the cluster", example = "node-1",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String name,

		@Schema(description = "The node's eth0 address on the node network. Default: the next free one", example = "10.100.0.2")
		String address,

		@Schema(description = "A specific pod subnet for the node: inside the pod network, of the cluster's prefix "
				+ "length, and free. Default: the next free one, next-fit", example = "10.244.0.0/24")
		String podSubnet,

		@Schema(description = Labels.LABELS_DOC, example = "{\"zone\": \"a\"}")
		Map<String, String> labels,

		@Schema(description = Labels.ANNOTATIONS_DOC)
		Map<String, String> annotations,

		@ArraySchema(arraySchema = @Schema(description = "Dual-stack: specific eth0 addresses, at most one per address"
				+ " family of the cluster, in any order; a family not given gets the next free one. address, if"
				+ " given too, is the primary family's", example = "[\"10.100.0.2\", \"fd00:10:100::2\"]"), maxItems = 2)
		@Size(max = 16)
		List<String> addresses,

		@ArraySchema(arraySchema = @Schema(description = "Dual-stack: specific pod subnets (podCIDRs), at most one per"
				+ " address family of the cluster, in any order; a family not given gets the next free one, next-fit."
				+ " podSubnet, if given too, is the primary family's", example = "[\"10.244.0.0/24\", \"fd00:10:244::/64\"]"),
				maxItems = 2)
		@Size(max = 16)
		List<String> podSubnets) {

	/** A node with only the single-stack fields. */
	public CreateNodeRequest(String name, String address, String podSubnet, Map<String, String> labels,
			Map<String, String> annotations) {
		this(name, address, podSubnet, labels, annotations, null, null);
	}
}

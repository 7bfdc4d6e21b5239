package io.podnet.node;

import io.podnet.api.Names;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
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
		Map<String, String> annotations) {
}

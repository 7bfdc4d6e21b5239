package io.podnet.pod;

import io.podnet.api.Names;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

@Schema(name = "CreatePodRequest", description = "A new pod: its containers share one network namespace and one IP")
record CreatePodRequest(
		@Schema(description = "Pod name, a DNS-1123 label, unique in the namespace", example = "web",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String name,

		@Schema(description = "The node to run on. Default: the node with the most free pod slots (ties by name)",
				example = "node-1")
		@Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String nodeName,

		@Schema(description = "At least one container; the pause container is added by podnet",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotEmpty @Size(max = CreatePodRequest.MAX_CONTAINERS) @Valid
		List<@NotNull @Valid ContainerRequest> containers,

		@Schema(description = Labels.LABELS_DOC, example = "{\"app\": \"web\"}")
		Map<String, String> labels,

		@Schema(description = Labels.ANNOTATIONS_DOC)
		Map<String, String> annotations) {

	static final int MAX_CONTAINERS = 64;
	static final int MAX_PORTS = 256;
	/**
	 * No whitespace or control characters anywhere (an image reference never holds them; Kubernetes
	 * refuses surrounding whitespace): no NUL, newline, ANSI escape, DEL, C1 control, line or
	 * paragraph separator, or Unicode space (every White_Space character is Cc or Z). Written so that
	 * ECMA-262 regexes (the OpenAPI schema) read it the same way.
	 */
	static final String IMAGE = "[^\\p{Cc}\\p{Cf}\\p{Z}]+";
	static final String IMAGE_MESSAGE = "must be an image reference without spaces or control characters, e.g. nginx:1.27";

	@Schema(name = "ContainerRequest")
	record ContainerRequest(
			@Schema(description = "Container name, a DNS-1123 label, unique in the pod", example = "nginx",
					requiredMode = Schema.RequiredMode.REQUIRED)
			@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
			String name,

			@Schema(description = "Container image reference, without spaces or control characters", example = "nginx:1.27",
					requiredMode = Schema.RequiredMode.REQUIRED)
			@NotBlank @Size(max = 512)
			@Pattern(regexp = CreatePodRequest.IMAGE, message = CreatePodRequest.IMAGE_MESSAGE)
			String image,

			@Schema(description = "Ports the container listens on; no two containers of a pod may declare the same "
					+ "port and protocol")
			@Size(max = CreatePodRequest.MAX_PORTS) @Valid
			List<@NotNull @Valid PortRequest> ports) {
	}

	@Schema(name = "PortRequest")
	record PortRequest(
			@Schema(example = "80", requiredMode = Schema.RequiredMode.REQUIRED)
			@NotNull @Min(1) @Max(65535)
			Integer containerPort,

			@Schema(description = "TCP (default), UDP or SCTP", example = "TCP")
			@Pattern(regexp = "TCP|UDP|SCTP", message = "must be TCP, UDP or SCTP")
			String protocol) {
	}
}

package io.podnet.pod;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A container of a pod as stored and shown: ports always carry their protocol. */
@Schema(name = "Container")
public record Container(
		@Schema(example = "nginx") String name,
		@Schema(example = "nginx:1.27") String image,
		List<Port> ports) {

	@Schema(name = "ContainerPort", description = "A port a container listens on, in the pod's shared network namespace")
	public record Port(@Schema(example = "80") int containerPort, @Schema(example = "TCP") String protocol) {
	}
}

package io.podnet.routing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(name = "CreateRouteRequest", description = "A user route on the gateway: via a next hop on the node network "
		+ "(STATIC), dropped (BLACKHOLE), or out of the cluster (EXTERNAL)")
public record CreateRouteRequest(
		@Schema(description = "Destination in CIDR notation", example = "0.0.0.0/0",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull
		String destination,

		@Schema(description = "STATIC, BLACKHOLE or EXTERNAL. Default: STATIC when nextHop is given", example = "EXTERNAL")
		String type,

		@Schema(description = "For STATIC routes: an address on the node network", example = "10.100.0.3")
		String nextHop) {
}

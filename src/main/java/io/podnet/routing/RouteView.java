package io.podnet.routing;

import io.swagger.v3.oas.annotations.media.Schema;

/** One route of a device's table, as `ip route` would list it. */
@Schema(name = "Route", description = "One route of a route table")
public record RouteView(
		@Schema(description = "Destination network in CIDR notation", example = "10.244.1.0/24") String destination,
		@Schema(description = "Next hop, for routes through another device", example = "10.100.0.3") String nextHop,
		@Schema(description = "Device the packet leaves by", example = "eth0") String device,
		@Schema(description = "Node that owns the route (gateway routes of node subnets)", example = "node-2") String node,
		@Schema(description = "Why the route exists", example = "NODE") RouteType type) {
}

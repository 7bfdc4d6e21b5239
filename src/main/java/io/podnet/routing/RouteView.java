package io.podnet.routing;

import io.podnet.node.Node;
import io.swagger.v3.oas.annotations.media.Schema;

/** One route of a device's table, as `ip route` would list it. */
@Schema(name = "Route", description = "One route of a route table")
public record RouteView(
		@Schema(description = "Destination network in CIDR notation", example = "10.244.1.0/24") String destination,
		@Schema(description = "Next hop, for routes through another device", example = "10.100.0.3") String nextHop,
		@Schema(description = "Device the packet leaves by", example = "eth0") String device,
		@Schema(description = "Node that owns the route (gateway routes of node subnets)", example = "node-2") String node,
		@Schema(description = "Why the route exists", example = "NODE") RouteType type,
		@Schema(description = "Version of a stored gateway route, as in its ETag; absent for derived routes",
				example = "0") String resourceVersion) {

	/** A route derived from addresses (connected and default routes): nothing stored, no version. */
	public RouteView(String destination, String nextHop, String device, String node, RouteType type) {
		this(destination, nextHop, device, node, type, null);
	}

	/** A stored gateway route: a node's, or one a user added. */
	static RouteView of(GatewayRoute route) {
		String node = route.getNode() == null ? null : route.getNode().getName();
		String device = route.getNextHop() == null ? null : Node.UPLINK;
		return new RouteView(route.getDestination(), route.getNextHop(), device, node, route.getType(),
				String.valueOf(route.getVersion()));
	}
}

package io.podnet.routing;

import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One route of a device's table, as `ip route` would list it: a {@link Route}, rendered. */
@Schema(name = "Route", description = "One route of a route table")
public record RouteView(
		@Schema(description = "Destination network in CIDR notation", example = "10.244.1.0/24") String destination,
		@Schema(description = "Next hop, for routes through another device", example = "10.100.0.3") String nextHop,
		@Schema(description = "Device the packet leaves by", example = "eth0") String device,
		@Schema(description = "Node that owns the route (gateway routes of node subnets)", example = "node-2") String node,
		@Schema(description = "Why the route exists", example = "NODE") RouteKind type,
		@Schema(description = "Version of a stored gateway route, as in its ETag; absent for derived routes",
				example = "0") String resourceVersion) {

	/** A route derived from addresses (connected and default routes): nothing stored, no version. */
	public static RouteView of(Route route) {
		return of(route, null);
	}

	/** A stored route, at that version. */
	static RouteView of(Route route, Long version) {
		return new RouteView(Addresses.format(route.destination()),
				route.nextHop() == null ? null : Addresses.format(route.nextHop()), route.device(), route.node(),
				route.kind(), version == null ? null : String.valueOf(version));
	}

	public static List<RouteView> of(List<Route> table) {
		return table.stream().map(RouteView::of).toList();
	}
}

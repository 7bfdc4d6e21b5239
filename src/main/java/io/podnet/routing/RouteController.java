package io.podnet.routing;

import io.podnet.watch.Watches;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import io.podnet.api.Versions;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Routes", description = "Route tables of the gateway and of each node")
class RouteController {

	private final RouteService routes;
	private final UserRoutes userRoutes;
	private final Watches watches;

	/** The header that carries a route table's resourceVersion (the table is a plain array). */
	static final String RESOURCE_VERSION = "Resource-Version";

	RouteController(RouteService routes, UserRoutes userRoutes, Watches watches) {
		this.routes = routes;
		this.userRoutes = userRoutes;
		this.watches = watches;
	}

	@PostMapping(path = "/routes", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Add a user route to the gateway",
			description = "STATIC (via nextHop, an address on the node network), BLACKHOLE (dropped) or EXTERNAL (out "
					+ "of the cluster). A route may not cover part of a node's subnet with an equal or longer prefix, "
					+ "nor lie inside the node network (409); a shorter one, such as a default route, is fine.")
	ResponseEntity<RouteView> add(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Valid @RequestBody CreateRouteRequest request) {
		RouteView route = userRoutes.add(cluster, request);
		String location = "/api/v1/clusters/" + cluster + "/routes/"
				+ URLEncoder.encode(route.destination(), StandardCharsets.UTF_8);
		return Versions.created(location, route, route.resourceVersion());
	}

	@DeleteMapping("/routes/{destination}")
	@Operation(summary = "Delete a user route from the gateway",
			description = "The destination URL-encoded, e.g. 10.244.200.0%2F24. Node routes go with their nodes (409).")
	ResponseEntity<Void> delete(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Destination of the route, URL-encoded", example = "10.244.200.0%2F24")
			@PathVariable String destination,
			@Parameter(description = "Delete only if the route is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch) {
		userRoutes.delete(cluster, destination, ifMatch);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/routes")
	@Operation(summary = "The gateway's route table",
			description = "The node network, connected on eth0, then the stored routes in address order: one per "
					+ "node subnet via that node (NODE), and user routes (STATIC, BLACKHOLE, EXTERNAL). The "
					+ RESOURCE_VERSION + " header is the change log's revision when the table was read: "
					+ "?watch=true&resourceVersion= it streams every later change of the stored routes.")
	@ApiResponse(responseCode = "200", description = "The table", headers = @Header(name = RESOURCE_VERSION,
			description = "Watch from here with ?watch=true&resourceVersion=", schema = @Schema(type = "string",
					example = "4711")))
	ResponseEntity<List<RouteView>> gateway(
			@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			Watches.Request watch) {
		RouteService.VersionedTable table = routes.versionedGatewayTable(cluster);
		return ResponseEntity.ok().header(RESOURCE_VERSION, String.valueOf(table.revision())).body(table.routes());
	}

	/** gateway with watch=true (documented there): the changes of its stored routes. */
	@Hidden
	@GetMapping(path = "/routes", params = "watch=true")
	ResponseEntity<ResponseBodyEmitter> watchGateway(@PathVariable String cluster, Watches.Request watch) {
		return watches.respond(routes.watch(cluster), watch);
	}

	@GetMapping("/nodes/{node}/routes")
	@Operation(summary = "A node's route table",
			description = "Default via the gateway on eth0, the node network connected on eth0, and the node's pod "
					+ "subnet connected on cbr0.")
	List<RouteView> node(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-1") @PathVariable String node) {
		return routes.nodeTable(cluster, node);
	}
}

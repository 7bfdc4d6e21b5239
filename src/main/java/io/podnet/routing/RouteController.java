package io.podnet.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Routes", description = "Route tables of the gateway and of each node")
class RouteController {

	private final RouteService routes;

	RouteController(RouteService routes) {
		this.routes = routes;
	}

	@GetMapping("/routes")
	@Operation(summary = "The gateway's route table",
			description = "The node network, connected on eth0, then one route per node subnet via that node, "
					+ "in address order.")
	List<RouteView> gateway(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster) {
		return routes.gatewayTable(cluster);
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

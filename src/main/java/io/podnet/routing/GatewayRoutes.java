package io.podnet.routing;

import io.podnet.node.Node;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the gateway's node routes in step with the nodes. Called inside the node's own
 * transaction, so a node and its route are committed, or rolled back, together.
 */
@Component
public class GatewayRoutes {

	private final GatewayRouteRepository routes;

	GatewayRoutes(GatewayRouteRepository routes) {
		this.routes = routes;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void nodeAdded(Node node) {
		routes.save(GatewayRoute.forNode(node));
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void nodeRemoved(Node node) {
		routes.deleteByNode(node);
	}
}

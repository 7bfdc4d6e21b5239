package io.podnet.routing;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.ipam.Addresses;
import io.podnet.node.Node;
import java.math.BigInteger;
import java.util.Set;
import java.util.stream.Collectors;
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

	/**
	 * Node subnets (by network address) that user routes with a prefix at least as long fall in:
	 * node allocation skips them, so a node never gets a subnet a user route would take over.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<BigInteger> subnetsBlockedByUserRoutes(Cluster cluster) {
		IPAddress podNetwork = cluster.nodeSubnets().podNetwork();
		return routes.findUserRoutesAtLeast(cluster, cluster.getNodeSubnetPrefixLength()).stream()
				.map(route -> Addresses.parseNetwork("destination", route.getDestination()))
				.filter(podNetwork::contains)
				.map(destination -> UserRoutes.subnetContaining(cluster, destination))
				.collect(Collectors.toSet());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void nodeRemoved(Node node) {
		routes.deleteByNode(node);
	}
}

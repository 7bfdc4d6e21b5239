package io.podnet.routing;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.FamilyAdded;
import io.podnet.cluster.FamilyRemoved;
import io.podnet.ipam.IpFamily;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import io.podnet.problem.Conflict;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import io.podnet.node.NodeFamily;
import io.podnet.ipam.Addresses;
import io.podnet.cluster.ClusterDeleted;
import io.podnet.node.BlockedSubnets;
import io.podnet.node.NodeAdded;
import io.podnet.node.NodeDeleted;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the gateway's routes in step with the nodes and the cluster: it hears of every node added
 * or deleted, and of a cluster deleted, inside that change's own transaction, so a node and its
 * route are committed, or rolled back, together.
 */
@Component
class GatewayRoutes implements BlockedSubnets {

	private final GatewayRouteRepository routes;
	private final ChangeLog changes;
	private final NodeService nodes;

	GatewayRoutes(GatewayRouteRepository routes, ChangeLog changes, @Lazy NodeService nodes) {
		this.routes = routes;
		this.changes = changes;
		this.nodes = nodes;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(NodeAdded added) {
		for (NodeFamily family : added.node().families()) {
			record(routes.save(GatewayRoute.forNode(added.node(), family)), EventType.ADDED);
		}
	}

	/** Tells watchers of the gateway's routes (see {@link RouteController}). */
	private void record(GatewayRoute route, EventType type) {
		changes.record(ChangeKinds.ROUTE, route.getCluster().getId(), type,
				RouteView.of(route.toRoute(), route.getVersion()));
	}

	/**
	 * Node subnets (by network address) that user routes with a prefix at least as long fall in:
	 * node allocation skips them, so a node never gets a subnet a user route would take over.
	 */
	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<BigInteger> in(Cluster cluster, ClusterNetworks family) {
		IPAddress podNetwork = family.podNetwork();
		return routes.findUserRoutesAtLeast(cluster, family.family(), family.nodeSubnetPrefixLength()).stream()
				.map(route -> Addresses.parseNetwork("destination", route.getDestination()))
				.filter(podNetwork::contains)
				.map(destination -> UserRoutes.subnetContaining(family.nodeSubnets(), destination))
				.collect(Collectors.toSet());
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(NodeDeleted deleted) {
		// deleted as the entity it was read as (a bulk delete would leave it managed, pointing at the deleted node)
		for (GatewayRoute route : routes.findByNode(deleted.node())) {
			record(route, EventType.DELETED);
			routes.delete(route);
		}
	}

	/** The new family's route to each node's new subnet; the nodes have their subnets of it already. */
	@EventListener
	@Order(FamilyAdded.ROUTES)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyAdded added) {
		for (Node node : nodes.all(added.cluster())) {
			NodeFamily family = node.families().stream().filter(f -> f.family() == added.family().family())
					.findFirst().orElseThrow(() -> new IllegalStateException("node " + node.getName() + " has no "
							+ added.family().family() + " subnet after the family was added"));
			record(routes.save(GatewayRoute.forNode(node, family)), EventType.ADDED);
		}
	}

	/**
	 * The family's node routes go with it. Its user routes were an operator's decision, so they are
	 * not dropped silently: while there are any, the family stays (409 naming them).
	 */
	@EventListener
	@Order(FamilyRemoved.ROUTES)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyRemoved removed) {
		Cluster cluster = removed.cluster();
		IpFamily family = removed.family().family();
		List<GatewayRoute> ofFamily = routes.findByClusterInOrder(cluster).stream()
				.filter(route -> route.getIpFamily() == family).toList();
		List<String> userRoutes = ofFamily.stream().filter(route -> route.getNode() == null)
				.map(GatewayRoute::getDestination).toList();
		if (!userRoutes.isEmpty()) {
			throw Conflict.inUse("cluster '" + cluster.getName() + "' has " + userRoutes.size() + " user route(s) of "
					+ family + " " + userRoutes.stream().limit(10).toList() + (userRoutes.size() > 10 ? " and more" : "")
					+ "; delete them first, then the family");
		}
		for (GatewayRoute route : ofFamily) {
			record(route, EventType.DELETED);
			routes.delete(route);
		}
	}

	/** The user routes of a cluster being deleted; it has no nodes left, so no node routes. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(ClusterDeleted deleted) {
		List<GatewayRoute> userRoutes = routes.findUserRoutes(deleted.clusterId());
		userRoutes.forEach(route -> record(route, EventType.DELETED));
		routes.deleteAll(userRoutes);
	}
}

package io.podnet.routing;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.ClusterService;
import io.podnet.database.ReadSnapshot;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import io.podnet.node.NodeService;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.WatchFilter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The route tables: the gateway's (stored, one route per node subnet, kept in step with the nodes
 * in the same transaction) and each node's (derived from its addresses).
 */
@Service
public class RouteService {

	private final GatewayRouteRepository routes;
	private final ClusterService clusters;
	private final NodeService nodes;

	private final ChangeLog changes;
	private final ReadSnapshot snapshot;

	RouteService(GatewayRouteRepository routes, ClusterService clusters, NodeService nodes, ChangeLog changes,
			ReadSnapshot snapshot) {
		this.changes = changes;
		this.snapshot = snapshot;
		this.routes = routes;
		this.clusters = clusters;
		this.nodes = nodes;
	}

	/** What a watch of the gateway's table follows: its stored routes (404 for no such cluster). */
	@Transactional(readOnly = true)
	WatchFilter watch(String clusterName) {
		return WatchFilter.inCluster(ChangeKinds.ROUTE, clusters.find(clusterName).getId(), route -> true);
	}

	/** The gateway's table and the change log's revision it is the table of. */
	record VersionedTable(long revision, List<RouteView> routes) {
	}

	/** The gateway's table as of a revision (one snapshot): a watch from it gets exactly the later changes. */
	VersionedTable versionedGatewayTable(String clusterName) {
		return snapshot.read(() -> new VersionedTable(changes.revision(), gatewayTable(clusterName)));
	}

	/** The gateway's table as the API shows it: each stored route with its version. */
	@Transactional(readOnly = true)
	public List<RouteView> gatewayTable(String clusterName) {
		Cluster cluster = clusters.find(clusterName);
		List<RouteView> table = new ArrayList<>();
		RouteTables.gateway(nodeNetworks(cluster), List.of()).forEach(connected -> table.add(RouteView.of(connected)));
		for (GatewayRoute route : routes.findByClusterInOrder(cluster)) {
			table.add(RouteView.of(route.toRoute(), route.getVersion()));
		}
		return table;
	}

	/** The gateway's stored routes, nodes' and users', in table order. */
	@Transactional(readOnly = true)
	public List<Route> storedGatewayRoutes(Cluster cluster) {
		return routes.findByClusterInOrder(cluster).stream().map(GatewayRoute::toRoute).toList();
	}

	/** The gateway's whole table: the node network on eth0, then the stored routes. */
	@Transactional(readOnly = true)
	public List<Route> gatewayTable(Cluster cluster) {
		return RouteTables.gateway(nodeNetworks(cluster), storedGatewayRoutes(cluster));
	}

	private static List<IPAddress> nodeNetworks(Cluster cluster) {
		return cluster.families().stream().map(ClusterNetworks::nodeNetwork).toList();
	}

	/** A page of the gateway's user routes (in address order) and how many there are in all. */
	public record UserRoutePage(List<Route> routes, long total) {
	}

	/**
	 * The first {@code limit} user routes of the gateway and their count: a picture of a cluster
	 * with thousands of node routes lists the routes users added, not the nodes' own.
	 */
	@Transactional(readOnly = true)
	public UserRoutePage userRoutes(Cluster cluster, int limit) {
		return new UserRoutePage(routes.findUserRoutesInOrder(cluster, Limit.of(limit)).stream()
				.map(GatewayRoute::toRoute).toList(), routes.countUserRoutes(cluster));
	}

	/** A node's own table: default via the gateway, the node network on eth0, its pod subnet on cbr0. */
	@Transactional(readOnly = true)
	public List<RouteView> nodeTable(String clusterName, String nodeName) {
		return RouteView.of(nodes.find(clusterName, nodeName).routes());
	}
}

package io.podnet.routing;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import java.util.ArrayList;
import java.util.List;
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

	RouteService(GatewayRouteRepository routes, ClusterService clusters, NodeService nodes) {
		this.routes = routes;
		this.clusters = clusters;
		this.nodes = nodes;
	}

	@Transactional(readOnly = true)
	public List<RouteView> gatewayTable(String clusterName) {
		return gatewayTable(clusters.find(clusterName));
	}

	@Transactional(readOnly = true)
	public List<RouteView> gatewayTable(Cluster cluster) {
		List<RouteView> table = new ArrayList<>();
		table.add(new RouteView(cluster.getNodeNetwork(), null, Node.UPLINK, null, RouteType.CONNECTED));
		for (GatewayRoute route : routes.findByClusterInOrder(cluster)) {
			table.add(RouteView.of(route));
		}
		return table;
	}

	/** A node's own table: default via the gateway, the node network on eth0, its pod subnet on cbr0. */
	@Transactional(readOnly = true)
	public List<RouteView> nodeTable(String clusterName, String nodeName) {
		return nodes.find(clusterName, nodeName).routes();
	}
}

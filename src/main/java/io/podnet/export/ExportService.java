package io.podnet.export;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.export.Topology.PodSpec;
import io.podnet.export.Topology.RouteSpec;
import io.podnet.node.Node;
import io.podnet.node.NodeRepository;
import io.podnet.node.NodeService;
import io.podnet.pod.Pod;
import io.podnet.pod.PodRepository;
import io.podnet.pod.PodService;
import io.podnet.routing.RouteService;
import io.podnet.routing.RouteType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what the exports are rendered from, each in one read-only transaction so that a script
 * shows one consistent state. A device's own export reads only what that device needs.
 */
@Service
class ExportService {

	private static final int PAGE = 1000;

	private final ClusterService clusters;
	private final NodeService nodes;
	private final PodService pods;
	private final NodeRepository nodeRows;
	private final PodRepository podRows;
	private final RouteService routes;

	ExportService(ClusterService clusters, NodeService nodes, PodService pods, NodeRepository nodeRows,
			PodRepository podRows, RouteService routes) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.pods = pods;
		this.nodeRows = nodeRows;
		this.podRows = podRows;
		this.routes = routes;
	}

	@Transactional(readOnly = true)
	CniConfig cniConfig(String clusterName, String nodeName) {
		Node node = nodes.find(clusterName, nodeName);
		return CniConfig.of(node.getCluster().getIpFamily(), node.getPodSubnet(), node.bridgeAddress());
	}

	@Transactional(readOnly = true)
	String gatewayScript(String clusterName) {
		Cluster cluster = clusters.find(clusterName);
		return DeviceScripts.gateway(topology(cluster, List.of(), List.of(), gatewayRoutes(cluster)));
	}

	@Transactional(readOnly = true)
	String nodeScript(String clusterName, String nodeName) {
		Node node = nodes.find(clusterName, nodeName);
		return DeviceScripts.node(topology(node.getCluster(), List.of(node), List.of(), List.of()), spec(node));
	}

	@Transactional(readOnly = true)
	String podScript(String clusterName, String namespace, String podName) {
		Pod pod = pods.find(clusterName, namespace, podName);
		Node node = pod.getNode();
		return DeviceScripts.pod(topology(node.getCluster(), List.of(node), List.of(pod), List.of()), spec(pod));
	}

	@Transactional(readOnly = true)
	String clusterScript(String clusterName) {
		Cluster cluster = clusters.find(clusterName);
		return NamespaceReplay.script(topology(cluster, allNodes(cluster), allPods(cluster), gatewayRoutes(cluster)));
	}

	/** Every node by name, read page by page through the keyset-paged query. */
	private List<Node> allNodes(Cluster cluster) {
		List<Node> all = new ArrayList<>();
		List<Node> page = nodeRows.findPage(cluster, "", Limit.of(PAGE));
		all.addAll(page);
		while (page.size() == PAGE) {
			page = nodeRows.findPage(cluster, page.get(PAGE - 1).getName(), Limit.of(PAGE));
			all.addAll(page);
		}
		return all;
	}

	/** Every pod by namespace and name (namespaces are never empty, so all come after ""). */
	private List<Pod> allPods(Cluster cluster) {
		return podRows.findInClusterAfterNamespace(cluster, "", Limit.unlimited());
	}

	/** The stored routes; the node network's connected route comes with the gateway's address. */
	private List<RouteSpec> gatewayRoutes(Cluster cluster) {
		return routes.gatewayTable(cluster).stream()
				.filter(route -> route.type() != RouteType.CONNECTED)
				.map(route -> new RouteSpec(route.destination(), route.type(), route.nextHop(), route.node()))
				.toList();
	}

	private static Topology topology(Cluster cluster, List<Node> nodes, List<Pod> pods, List<RouteSpec> routes) {
		return new Topology(cluster.getName(), cluster.getIpFamily(), cluster.getNodeNetwork(), cluster.getGateway(),
				nodes.stream().map(ExportService::spec).toList(), pods.stream().map(ExportService::spec).toList(),
				routes);
	}

	private static NodeSpec spec(Node node) {
		return new NodeSpec(node.getName(), node.getAddress(), node.getPodSubnet(), node.bridgeAddress());
	}

	private static PodSpec spec(Pod pod) {
		return new PodSpec(pod.getNamespace(), pod.getName(), pod.getNode().getName(), pod.getIp(),
				pod.getHostInterface());
	}
}

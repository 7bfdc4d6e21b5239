package io.podnet.export;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.database.ReadSnapshot;
import io.podnet.export.Topology.NodeAddresses;
import io.podnet.export.Topology.NodeNetwork;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.ipam.Addresses;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import io.podnet.pod.PodEndpoint;
import io.podnet.pod.PodEndpoints;
import io.podnet.pod.PodRef;
import io.podnet.pod.PodService;
import io.podnet.routing.RouteService;
import io.podnet.kubenet.Route;
import java.util.ArrayList;
import java.util.List;
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
	private final PodEndpoints podEndpoints;
	private final RouteService routes;
	private final ReadSnapshot snapshot;

	ExportService(ClusterService clusters, NodeService nodes, PodEndpoints podEndpoints, RouteService routes,
			ReadSnapshot snapshot) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.podEndpoints = podEndpoints;
		this.routes = routes;
		this.snapshot = snapshot;
	}

	@Transactional(readOnly = true)
	CniConfig cniConfig(String clusterName, String nodeName) {
		Node node = nodes.find(clusterName, nodeName);
		List<CniConfig.Subnet> subnets = new ArrayList<>();
		subnets.add(new CniConfig.Subnet(node.getCluster().getIpFamily(), node.getPodSubnet(), node.bridgeAddress()));
		node.secondary().ifPresent(second -> subnets.add(new CniConfig.Subnet(second.family(),
				Addresses.format(second.podSubnet()), Addresses.format(second.bridgeAddress()))));
		return CniConfig.of(subnets);
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
		PodEndpoint pod = podEndpoints.find(clusterName, List.of(new PodRef(namespace, podName))).stream().findFirst()
				.orElseThrow(() -> {
					clusters.find(clusterName); // a missing cluster is the 404 to give, rather than its pod
					return PodService.notFound(clusterName, namespace, podName);
				});
		// a pod is on its node for as long as both exist: a node goes with its pods
		Node node = nodes.find(clusterName, pod.nodeName());
		return DeviceScripts.pod(topology(node.getCluster(), List.of(node), List.of(pod), List.of()), pod);
	}

	/**
	 * The whole cluster's replay, written to the answer's stream as it is read: the cluster is looked
	 * up now (a 404 before the answer starts), the rest in one {@link ReadSnapshot}, so that the
	 * pods, read a page at a time, come from the same moment as the nodes.
	 */
	ScriptWriter clusterScript(String clusterName) {
		snapshot.run(() -> clusters.find(clusterName));
		return out -> snapshot.run(() -> {
			Cluster cluster = clusters.find(clusterName);
			NamespaceReplay.write(topology(cluster, nodes.all(cluster), allPods(cluster), gatewayRoutes(cluster)), out);
		});
	}

	/** Every pod by namespace and name, read a page at a time each time it is iterated. */
	private Iterable<PodEndpoint> allPods(Cluster cluster) {
		return new PagedReader<PodEndpoint>(PAGE, last -> podEndpoints.pageAfter(cluster.getId(),
				last == null ? "" : last.namespace(), last == null ? "" : last.name(), PAGE));
	}

	/** The stored routes; the node network's connected route comes with the gateway's address. */
	private List<Route> gatewayRoutes(Cluster cluster) {
		return routes.storedGatewayRoutes(cluster);
	}

	private static Topology topology(Cluster cluster, List<Node> nodes, Iterable<PodEndpoint> pods,
			List<Route> routes) {
		return new Topology(cluster.getName(), nodeNetworks(cluster), nodes.stream().map(ExportService::spec).toList(),
				pods, routes);
	}

	/** Each family's node network and gateway, primary first; the primary's as stored, as it always was. */
	private static List<NodeNetwork> nodeNetworks(Cluster cluster) {
		List<NodeNetwork> networks = new ArrayList<>();
		networks.add(new NodeNetwork(cluster.getIpFamily(), cluster.getNodeNetwork(), cluster.getGateway()));
		cluster.secondary().ifPresent(second -> networks.add(new NodeNetwork(second.family(),
				Addresses.format(second.nodeNetwork()), Addresses.format(second.gateway()))));
		return networks;
	}

	/** The node's addresses of each family, primary first. */
	private static NodeSpec spec(Node node) {
		List<NodeAddresses> families = new ArrayList<>();
		families.add(new NodeAddresses(node.getAddress(), node.getPodSubnet(), node.bridgeAddress()));
		node.secondary().ifPresent(second -> families.add(new NodeAddresses(Addresses.format(second.address()),
				Addresses.format(second.podSubnet()), Addresses.format(second.bridgeAddress()))));
		return new NodeSpec(node.getName(), families);
	}

}

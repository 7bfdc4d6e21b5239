package io.podnet.picture;

import io.podnet.api.Names;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.ClusterService;
import io.podnet.cluster.NodeCounts;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import io.podnet.node.NodeUsageReader;
import io.podnet.path.DeviceKind;
import io.podnet.paths.PathView;
import io.podnet.picture.Scene.NodeBox;
import io.podnet.picture.Scene.PodBox;
import io.podnet.picture.Scene.RouteRow;
import io.podnet.pod.PodEndpoint;
import io.podnet.pod.PodEndpoints;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidQuery;
import io.podnet.routing.RouteService;
import io.podnet.routing.RouteService.UserRoutePage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what a picture shows, in bounded queries whatever the size of the cluster: a cluster of
 * up to {@value #DETAIL_NODES} nodes node by node, with at most {@value #DETAIL_PODS} pods in all;
 * a larger one as a summary from one short row per node (pod counts, never the pods); one node
 * with at most {@value #NODE_PODS} of its pods.
 */
@Service
class PictureReader {

	/** Beyond this many nodes a cluster is summarised: the article's figure does not scale to 5,000. */
	static final int DETAIL_NODES = 50;
	static final int DETAIL_PODS = 400;
	static final int NODE_PODS = 300;
	static final int USER_ROUTES = 40;

	private final ClusterService clusters;
	private final NodeService nodes;
	private final NodeCounts nodeCounts;
	private final NodeUsageReader usage;
	private final PodEndpoints pods;
	private final RouteService routes;

	PictureReader(ClusterService clusters, NodeService nodes, NodeCounts nodeCounts, NodeUsageReader usage,
			PodEndpoints pods, RouteService routes) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.nodeCounts = nodeCounts;
		this.usage = usage;
		this.pods = pods;
		this.routes = routes;
	}

	/** The cluster, one of its nodes, or its pods of one namespace; a summary if it is too large. */
	@Transactional(readOnly = true)
	Drawing topology(String clusterName, String nodeName, String namespace) {
		Cluster cluster = clusters.find(clusterName);
		check("node", nodeName);
		check("namespace", namespace);
		if (nodeName != null) {
			Node node = nodes.find(clusterName, nodeName);
			return scene(cluster, nodeCounts.of(cluster), List.of(node), NODE_PODS, namespace, "node " + nodeName
					+ (namespace == null ? "" : ", namespace " + namespace), Set.of());
		}
		long count = nodeCounts.of(cluster);
		if (count > DETAIL_NODES) {
			UserRoutePage user = routes.userRoutes(cluster, USER_ROUTES);
			return new ClusterSummary(cluster.getName(), cluster.getNodeNetwork(), cluster.getGateway(),
					cluster.getPodNetwork(), cluster.nodeSubnets().total(), usage.ofCluster(cluster.getId()),
					user.routes().stream().map(route -> new RouteRow(route.label(), true)).toList(), user.total());
		}
		List<Node> all = nodes.all(cluster);
		int perNode = all.isEmpty() ? 0 : Math.max(3, DETAIL_PODS / all.size());
		return scene(cluster, count, all, perNode, namespace, namespace == null ? null : "namespace " + namespace,
				Set.of());
	}

	/**
	 * The picture a path is drawn on: the whole cluster if it is small enough to draw pod by pod,
	 * else the gateway, the nodes the packet crosses and the pods at its ends.
	 */
	@Transactional(readOnly = true)
	Scene forPath(String clusterName, PathView path) {
		Cluster cluster = clusters.find(clusterName);
		Set<String> ends = new LinkedHashSet<>();
		ends.add(path.source().pod());
		if (path.destination().pod() != null) {
			ends.add(path.destination().pod());
		}
		long count = nodeCounts.of(cluster);
		if (count <= DETAIL_NODES) {
			List<Node> all = nodes.all(cluster);
			long podCount = all.stream().mapToLong(Node::getPodCount).sum();
			if (podCount <= DETAIL_PODS) {
				return scene(cluster, count, all, DETAIL_PODS, null, null, ends);
			}
		}
		Set<String> crossed = new LinkedHashSet<>();
		crossed.add(path.source().node());
		path.hops().stream().filter(hop -> hop.kind() == DeviceKind.NODE)
				.forEach(hop -> crossed.add(hop.device()));
		if (path.destination().node() != null) {
			crossed.add(path.destination().node());
		}
		List<Node> drawn = crossed.stream().map(name -> nodes.withName(cluster, name)).flatMap(Optional::stream)
				.toList();
		return scene(cluster, count, drawn, 0, null, "the nodes on the path", ends);
	}

	/**
	 * The nodes with up to {@code podsPerNode} pods each (of the namespace if given), plus the
	 * pods named in {@code always}; the gateway's connected route, the drawn nodes' routes and the
	 * first user routes.
	 */
	private Scene scene(Cluster cluster, long nodeCount, List<Node> drawn, int podsPerNode, String namespace, String scope,
			Set<String> always) {
		List<Route> table = new ArrayList<>(RouteTables.gateway(cluster.families().stream()
				.map(ClusterNetworks::nodeNetwork).toList(), List.of()));
		List<NodeBox> boxes = new ArrayList<>();
		List<PodEndpoint> named = always.isEmpty() ? List.of()
				: pods.find(cluster.getName(), always.stream().map(PodRef::parse).flatMap(Optional::stream).toList());
		for (Node node : drawn) {
			table.add(Route.toNode(node.podSubnetBlock(), Addresses.parseAddress("address", node.getAddress()),
					Kubenet.UPLINK, node.getName()));
			List<PodEndpoint> onNode = new ArrayList<>(podsPerNode == 0 ? List.of()
					: pods.onNode(node.getId(), namespace, podsPerNode));
			for (PodEndpoint pod : named) {
				if (pod.nodeId() == node.getId() && onNode.stream().noneMatch(shown -> shown.id() == pod.id())) {
					onNode.add(pod);
				}
			}
			// a count of the node's pods, not of the namespace's: the picture says how many it leaves out of the node
			long more = namespace == null ? Math.max(0, node.getPodCount() - onNode.size()) : 0;
			boxes.add(new NodeBox(node.getName(), node.getAddress(), node.bridgeAddress() + "/"
					+ cluster.getNodeSubnetPrefixLength(), onNode.stream().map(PictureReader::pod).toList(), more));
		}
		UserRoutePage user = routes.userRoutes(cluster, USER_ROUTES);
		table.addAll(user.routes());
		table.sort(Comparator.comparing((Route route) -> Addresses.valueOf(route.destination()))
				.thenComparing(route -> route.destination().getNetworkPrefixLength()));
		long allRoutes = 1 + nodeCount + user.total();
		return new Scene(cluster.getName(), cluster.getNodeNetwork(), cluster.getGateway(), cluster.getPodNetwork(),
				table.stream().map(route -> new RouteRow(route.label(), route.kind().isUserRoute())).toList(),
				Math.max(0, allRoutes - table.size()), boxes, scope);
	}

	private static PodBox pod(PodEndpoint pod) {
		return new PodBox(pod.qualifiedName(), pod.ip(), pod.hostInterface());
	}

	/** Node and namespace names are DNS-1123 labels; an empty or malformed one is a 400 naming the parameter. */
	private static void check(String parameter, String value) {
		if (value != null && (value.length() > 63 || !value.matches(Names.DNS1123_LABEL))) {
			throw new InvalidQuery(parameter, value, -1, Names.DNS1123_MESSAGE);
		}
	}
}

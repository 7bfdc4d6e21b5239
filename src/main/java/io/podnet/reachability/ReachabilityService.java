package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.database.ReadSnapshot;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Route;
import io.podnet.node.Node;
import io.podnet.node.NodeService;
import io.podnet.path.ContainerPort;
import io.podnet.path.Protocol;
import io.podnet.pod.PlacedPod;
import io.podnet.pod.PodEndpoints;
import io.podnet.pod.PodPlacements;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidQuery;
import io.podnet.problem.ResourceNotFound;
import io.podnet.routing.RouteService;
import io.podnet.watch.ChangeLog;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Answers "which of these pods reach which destinations, and where does it fail": reads the
 * cluster in one snapshot (its routers, and its pods counted by node and by whether they listen),
 * then decides every class of flows with the path tracer ({@link ClassTracer}) outside the
 * transaction, since that part only computes.
 */
@Service
class ReachabilityService {

	private final ClusterService clusters;
	private final NodeService nodes;
	private final RouteService routes;
	private final PodEndpoints podEndpoints;
	private final PodPlacements pods;
	private final ChangeLog changes;
	private final ReadSnapshot snapshot;

	ReachabilityService(ClusterService clusters, NodeService nodes, RouteService routes, PodEndpoints podEndpoints,
			PodPlacements pods, ChangeLog changes, ReadSnapshot snapshot) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.routes = routes;
		this.podEndpoints = podEndpoints;
		this.pods = pods;
		this.changes = changes;
		this.snapshot = snapshot;
	}

	/** What is asked: the port and protocol, which sources, which destinations. */
	record Question(Integer port, Protocol protocol, PodFilter from, PodFilter to) {

		/** The query parameters checked: 400 naming the one that does not parse. */
		static Question parse(Integer port, String protocolText, String fromText, String toText) {
			Protocol protocol = ReachabilityService.protocol(protocolText);
			if (port != null && (port < 1 || port > 65535)) {
				throw new InvalidQuery("port", port.toString(), -1, "is not a port number; expected 1 to 65535");
			}
			return new Question(port, protocol, PodFilter.parse("from", fromText), PodFilter.parse("to", toText));
		}

		/** The classes of the plan, ready to run. */
		ClassTracer classes(ClusterPlan plan) {
			return classes(plan, List.of());
		}

		/** The classes of the plan with its address classes cut by another plan's prefixes too (a what-if's). */
		ClassTracer classes(ClusterPlan plan, List<IPAddress> cuts) {
			IPAddress within = to.kind() == PodFilter.Kind.CIDR ? to.cidr() : null;
			return new ClassTracer(plan, port, protocol, to.includesAddresses(), within, to.except(), cuts);
		}
	}

	/** The cluster as read for a question, with the plan it is answered on. */
	record Read(String resourceVersion, ClusterPlan plan, IpFamily family) {
	}

	ReachabilityView answer(String clusterName, Integer port, String protocolText, String fromText, String toText) {
		Question question = Question.parse(port, protocolText, fromText, toText);
		Read read = snapshot.read(() -> read(clusterName, question));
		ClassTracer classes = question.classes(read.plan());
		Reachability answer = Reachability.of(read.plan(), classes.run());
		return new Rendering(clusterName, port, question.protocol().name(), classes::narrate)
				.render(read.resourceVersion(), question.from(), question.to(), answer);
	}

	/** The plan of the cluster as the caller's transaction sees it (404 for a cluster, node or pod that is not there). */
	Read read(String clusterName, Question question) {
		return read(clusterName, question, true);
	}

	/**
	 * The same; with {@code namedMustExist} false, a node or pod a filter names that is not there
	 * selects nothing instead (an intent's selector after its node or pod was deleted).
	 */
	Read read(String clusterName, Question question, boolean namedMustExist) {
		Integer port = question.port();
		Protocol protocol = question.protocol();
		PodFilter from = question.from();
		PodFilter to = question.to();
		long revision = changes.revision();
		Cluster cluster = clusters.find(clusterName);
		IpFamily family = cluster.getIpFamily();
		for (PodFilter filter : List.of(from, to)) {
			check(cluster, family, filter, namedMustExist);
		}
		Map<Long, String> nodeNames = new HashMap<>();
		Map<String, NodePlan> plans = new LinkedHashMap<>();
		for (Node node : nodes.all(cluster)) {
			nodeNames.put(node.getId(), node.getName());
			plans.put(node.getName(), NodePlan.of(node.getName(), Addresses.parseAddress("address", node.getAddress()),
					node.podSubnetBlock()));
		}
		PodGroups groups = new PodGroups(plans);
		pods.forEach(cluster.getId(), pod -> {
			String node = nodeNames.get(pod.nodeId());
			boolean listening = port == null || pod.declares(port, protocol.name());
			groups.add(node, pod.ipValue(), () -> sample(family, pod), listening, from.selects(pod, node),
					to.selects(pod, node));
		});
		ClusterPlan plan = new ClusterPlan(cluster.nodeNetworkBlock(), cluster.gatewayAddress(),
				primaryFamily(routes.gatewayTable(cluster), family), List.copyOf(plans.values()), groups.groups());
		return new Read(Long.toString(revision), plan, family);
	}

	/** Reachability is answered in the cluster's primary family: a dual-stack gateway's other routes are left out. */
	private static List<Route> primaryFamily(List<Route> gatewayTable, IpFamily family) {
		return gatewayTable.stream().filter(route -> IpFamily.of(route.destination()) == family).toList();
	}

	/** A node or pod a filter names must exist (404 otherwise); a CIDR must be of the cluster's family. */
	private void check(Cluster cluster, IpFamily family, PodFilter filter, boolean namedMustExist) {
		if (namedMustExist && filter.node().isPresent() && nodes.withName(cluster, filter.node().get()).isEmpty()) {
			throw NodeService.notFound(cluster.getName(), filter.node().get());
		}
		if (namedMustExist && filter.pod().isPresent()) {
			PodRef ref = filter.pod().get();
			if (podEndpoints.find(cluster.getId(), ref).isEmpty()) {
				throw new ResourceNotFound("pod", ref.toString(), "cluster '" + cluster.getName() + "'");
			}
		}
		if (filter.cidr() != null && IpFamily.of(filter.cidr()) != family) {
			throw new InvalidQuery(filter.parameter(), filter.text(), -1, "is " + IpFamily.of(filter.cidr())
					+ " but the cluster is " + family + "; expected a CIDR such as cidr:" + cluster.getPodNetwork());
		}
	}

	private static PodSample sample(IpFamily family, PlacedPod pod) {
		List<ContainerPort> ports = pod.containers().stream()
				.flatMap(container -> container.ports().stream().map(port -> new ContainerPort(port.containerPort(),
						Protocol.valueOf(port.protocol()), container.name())))
				.toList();
		return new PodSample(pod.ref().toString(), Addresses.fromValue(family, pod.ipValue()), pod.hostInterface(),
				ports);
	}

	private static Protocol protocol(String text) {
		if (text == null) {
			return Protocol.TCP;
		}
		try {
			return Protocol.valueOf(text);
		} catch (IllegalArgumentException e) {
			throw new InvalidQuery("protocol", text, -1, "is not a protocol; expected TCP, UDP or SCTP");
		}
	}
}

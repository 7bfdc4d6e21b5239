package io.podnet.pod;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.NextFitAllocator;
import io.podnet.node.Node;
import io.podnet.cluster.ClusterFacts;
import io.podnet.cluster.ClusterFactsReader;
import io.podnet.node.NodePodCounters;
import io.podnet.node.PodTarget;
import io.podnet.node.PodTargets;
import io.podnet.node.NodeService;
import io.podnet.pod.PodWrites.NewPod;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import io.podnet.problem.Conflict;
import io.podnet.database.Constraints;
import io.podnet.problem.InvalidValue;
import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.api.Names;
import io.podnet.problem.ResourceNotFound;
import io.podnet.api.Versions;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import io.podnet.api.MergePatch;
import io.podnet.labels.Labels;
import tools.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pods and their IPs. A pod's IP comes from its node's pod subnet, next-fit like the host-local
 * CNI plugin, under the lock on the node's pod counters ({@link NodePodCounters}): pods on one node are
 * serialised, pods on different nodes never wait for each other, and the unique constraint on
 * (cluster, IP) backs it up.
 */
@Service
public class PodService {

	private static final Pattern NAMESPACE = Pattern.compile(Names.DNS1123_LABEL);

	/** What a merge patch of a pod may change. */
	private static final Set<String> MUTABLE = Set.of("labels", "annotations");

	private final PodRepository pods;
	private final ClusterService clusters;
	private final NodeService nodes;
	private final PodWrites writes;
	private final PodTargets targets;
	private final NodePodCounters counters;
	private final ClusterFactsReader clusterFacts;
	private final TransactionTemplate transactions;
	private final ChangeLog changes;

	PodService(PodRepository pods, ClusterService clusters, NodeService nodes, PodWrites writes, PodTargets targets,
			NodePodCounters counters, ClusterFactsReader clusterFacts, TransactionTemplate transactions,
			ChangeLog changes) {
		this.changes = changes;
		this.pods = pods;
		this.clusters = clusters;
		this.nodes = nodes;
		this.writes = writes;
		this.targets = targets;
		this.counters = counters;
		this.clusterFacts = clusterFacts;
		this.transactions = transactions;
	}

	/**
	 * Creates the pod in one transaction; in the rare case that its veth name is already taken on
	 * the node (see {@link HostInterfaceNames}), again with the next candidate name.
	 */
	PodView create(String clusterName, String namespace, CreatePodRequest request) {
		checkNamespace(namespace);
		List<Container> containers = PodContainers.containers(request.containers());
		SortedMap<String, String> labels = Labels.labels(request.labels());
		SortedMap<String, String> annotations = Labels.annotations(request.annotations());
		// Inside a transaction already (a dry run's, which is rolled back), a failed insert cannot be
		// retried: PostgreSQL has aborted that transaction. The rare clash then answers 409 at once.
		int attempts = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : HostInterfaceNames.ATTEMPTS;
		for (int attempt = 0;; attempt++) {
			int hostInterfaceAttempt = attempt;
			try {
				return transactions.execute(status -> create(clusterName, namespace, request, containers, labels,
						annotations, hostInterfaceAttempt));
			} catch (HostInterfaceTaken taken) {
				if (attempt + 1 >= attempts) {
					throw Conflict.inUse("no free host interface name for the pod on node '" + taken.node + "' after "
							+ attempts + " attempt(s); retry the request");
				}
			}
		}
	}

	private PodView create(String clusterName, String namespace, CreatePodRequest request, List<Container> containers,
			SortedMap<String, String> labels, SortedMap<String, String> annotations, int hostInterfaceAttempt) {
		PodTarget node = lockNode(clusterName, request.nodeName());
		ClusterFacts cluster = node.cluster();
		NodePodCounters.Counters slots = node.counters();
		IPAddress podSubnet = node.podSubnetBlock();
		HostPool pool = HostPool.podAddresses(podSubnet);
		Optional<HostPool> secondaryPool = node.secondaryPodSubnetBlock().map(HostPool::podAddresses);
		// the limit from the locked counters: the cluster's maxPodsPerNode may have changed since it was read;
		// in a dual-stack cluster the family with fewer addresses bounds it
		int capacity = secondaryPool.map(second -> Math.min(pool.capacity(slots.maxPods()),
				second.capacity(slots.maxPods()))).orElseGet(() -> pool.capacity(slots.maxPods()));
		if (slots.podCount() >= capacity) {
			throw Conflict.exhausted(Conflict.Pool.POD_ADDRESSES, "node '" + node.nodeName() + "' has no free pod slot: " + slots.podCount() + " of "
					+ capacity + " pods (maxPodsPerNode " + slots.maxPods() + ", pod subnet "
					+ node.podSubnet() + (node.secondaryPodSubnet() == null ? "" : " and " + node.secondaryPodSubnet())
					+ "); delete a pod or choose another node")
					.with("capacity", capacity).with("allocated", slots.podCount());
		}
		BigInteger ipValue = NextFitAllocator.next(pool.range(), Set.of(), slots.podAddressCursor(),
				(from, to, limit) -> writes.ipValuesBetween(cluster.id(), from, to, limit))
				.orElseThrow(() -> Conflict.exhausted(Conflict.Pool.POD_ADDRESSES, "no free address in node '" + node.nodeName() + "' pod subnet "
						+ node.podSubnet()));
		IPAddress address = pool.addressAt(ipValue);
		String ip = Addresses.format(address);
		BigInteger secondaryIpValue = secondaryPool.map(second -> NextFitAllocator.next(second.range(), Set.of(),
				slots.secondaryPodAddressCursor(),
				(from, to, limit) -> writes.secondaryIpValuesBetween(cluster.id(), from, to, limit))
				.orElseThrow(() -> Conflict.exhausted(Conflict.Pool.POD_ADDRESSES, "no free address in node '"
						+ node.nodeName() + "' pod subnet " + node.secondaryPodSubnet()))).orElse(null);
		String secondaryIp = secondaryPool.map(second -> Addresses.format(second.addressAt(secondaryIpValue))).orElse(null);
		String hostInterface = HostInterfaceNames.candidate(HostInterfaceNames.seed(clusterName, namespace,
				request.name(), address), hostInterfaceAttempt);
		// microseconds: what both databases keep, so a GET shows what the POST answered
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		NewPod pod = new NewPod(cluster.id(), node.nodeId(), namespace, request.name(), ip, ipValue, secondaryIp,
				secondaryIpValue, hostInterface, containers, createdAt, labels, annotations);
		try {
			writes.insert(pod);
		} catch (DataIntegrityViolationException e) {
			// Both are the constraints' to check, not a select before every insert: a taken name or veth
			// name is rare, and the transaction rolls back all the same.
			if (Constraints.violated(e, "uk_pod_name")) {
				throw Conflict.alreadyExists("pod", namespace + "/" + request.name(), "cluster '" + clusterName + "'");
			}
			if (Constraints.violated(e, "uk_pod_host_interface")) {
				throw new HostInterfaceTaken(node.nodeName());
			}
			throw e;
		}
		counters.podAdded(node.nodeId(), ipValue, secondaryIpValue);
		List<String> gateways = new ArrayList<>(2);
		gateways.add(Addresses.format(RouteTables.bridgeAddress(podSubnet)));
		node.secondaryPodSubnetBlock().ifPresent(second -> gateways.add(Addresses.format(RouteTables.bridgeAddress(second))));
		PodView view = PodView.created(pod, node.nodeName(), gateways);
		changes.record(ChangeKinds.POD, cluster.id(), EventType.ADDED, view);
		// its node's pod count and version changed with it
		nodes.recordModified(cluster.id(), node.nodeId());
		return view;
	}

	/** The veth name picked for a pod is already on its node: the create is retried with the next one. */
	private static final class HostInterfaceTaken extends RuntimeException {

		private final String node;

		HostInterfaceTaken(String node) {
			super(null, null, false, false);
			this.node = node;
		}
	}

	/**
	 * The pod's cluster and node, with the node's pod counters locked: the node named, or else the
	 * one placed by {@link #place}.
	 */
	private PodTarget lockNode(String clusterName, String nodeName) {
		String node = nodeName != null ? nodeName : place(clusterName);
		// a placed node is missing only if it was deleted since it was placed
		return targets.lock(clusterName, node).orElseThrow(() -> clusterFacts.byName(clusterName).isPresent()
				? NodeService.notFound(clusterName, node) : clusterNotFound(clusterName));
	}

	/** The name of the node with the most free pod slots (ties by name), read without a lock. */
	private String place(String clusterName) {
		ClusterFacts cluster = clusterFacts.byName(clusterName).orElseThrow(() -> clusterNotFound(clusterName));
		return counters.placement(cluster.id()).orElseThrow(() -> Conflict.exhausted(Conflict.Pool.POD_ADDRESSES, "cluster '" + clusterName
				+ "' has no nodes to place the pod on; add a node first"));
	}

	private static ResourceNotFound clusterNotFound(String clusterName) {
		return new ResourceNotFound("cluster", clusterName);
	}

	@Transactional(readOnly = true)
	PodView get(String clusterName, String namespace, String name) {
		return PodView.of(find(clusterName, namespace, name));
	}

	/**
	 * Deletes a pod and frees its IP; the IP is handed out again only after the node's cursor wraps.
	 * Under its node's lock, as every write of a pod, so the version checked is the one deleted.
	 */
	@Transactional
	public void delete(String clusterName, String namespace, String name, String ifMatch) {
		Cluster cluster = clusters.find(clusterName);
		Pod pod = pods.findWithoutNode(cluster, namespace, name).orElseThrow(() -> notFound(clusterName, namespace, name));
		long nodeId = pod.getNode().getId();
		PodWrites.Metadata current = lockedMetadata(pod, nodeId)
				.orElseThrow(() -> notFound(clusterName, namespace, name));
		Versions.checkIfMatch(ifMatch, current.version(), "pod " + pod.qualifiedName());
		changes.record(ChangeKinds.POD, cluster.getId(), EventType.DELETED,
				PodView.of(pod, current.labels(), current.annotations(), current.version()));
		writes.delete(pod.getId());
		counters.podRemoved(nodeId);
		nodes.recordModified(cluster.getId(), nodeId);
	}

	/**
	 * Applies a merge patch: only labels and annotations may change; the pod's node, IP, veth and
	 * containers are fixed for its life. Under its node's lock, as every write of a pod.
	 */
	@Transactional
	PodView patch(String clusterName, String namespace, String name, JsonNode body, String ifMatch) {
		Pod pod = find(clusterName, namespace, name);
		PodWrites.Metadata current = lockedMetadata(pod, pod.getNode().getId())
				.orElseThrow(() -> notFound(clusterName, namespace, name));
		String resource = "pod " + pod.qualifiedName();
		Versions.checkIfMatch(ifMatch, current.version(), resource);
		PodView view = PodView.of(pod, current.labels(), current.annotations(), current.version());
		MergePatch patch = MergePatch.of(view, body, MUTABLE, resource);
		if (patch.changes().isEmpty()) {
			return view;
		}
		SortedMap<String, String> labels = patch.changes("labels") ? Labels.labels(patch.stringMap("labels"))
				: current.labels();
		SortedMap<String, String> annotations = patch.changes("annotations")
				? Labels.annotations(patch.stringMap("annotations")) : current.annotations();
		writes.relabel(pod, current, labels, annotations);
		PodView changed = PodView.of(pod, labels, annotations, current.version() + 1);
		changes.record(ChangeKinds.POD, pod.getCluster().getId(), EventType.MODIFIED, changed);
		return changed;
	}

	/**
	 * Locks the pod's node and reads the pod's labels and version afresh under that lock; empty if
	 * a node delete took the node and its pods, or a delete the pod, since the pod was read.
	 */
	private Optional<PodWrites.Metadata> lockedMetadata(Pod pod, long nodeId) {
		return counters.lock(nodeId).flatMap(locked -> writes.metadata(pod.getId()));
	}

	/** The pod's own table: its subnet on eth0, default via the bridge. */
	@Transactional(readOnly = true)
	public List<Route> routes(String clusterName, String namespace, String name) {
		return find(clusterName, namespace, name).routes();
	}

	/** The pod, or a 404 naming it, its namespace and cluster. */
	public Pod find(String clusterName, String namespace, String name) {
		Cluster cluster = clusters.find(clusterName);
		return pods.find(cluster, namespace, name).orElseThrow(() -> notFound(clusterName, namespace, name));
	}

	public static ResourceNotFound notFound(String clusterName, String namespace, String name) {
		return new ResourceNotFound("pod", namespace + "/" + name, "cluster '" + clusterName + "'");
	}

	private static void checkNamespace(String namespace) {
		if (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
			throw new InvalidValue("namespace", namespace, Names.DNS1123_MESSAGE);
		}
	}
}

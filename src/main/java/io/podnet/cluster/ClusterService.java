package io.podnet.cluster;

import io.podnet.database.ReadSnapshot;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import io.podnet.watch.WatchFilter;
import io.podnet.problem.Conflict;
import io.podnet.access.Caller;
import io.podnet.api.ItemList;
import io.podnet.api.Limits;
import io.podnet.api.Paging;
import io.podnet.problem.ResourceNotFound;
import io.podnet.api.Versions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.podnet.api.MergePatch;
import io.podnet.labels.LabelSelector;
import io.podnet.labels.Labels;
import io.podnet.problem.InvalidValue;
import tools.jackson.databind.JsonNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClusterService {

	static final int DEFAULT_MAX_PODS_PER_NODE = 110;

	/** What a merge patch of a cluster may change; its networks and allocations are fixed for life. */
	private static final Set<String> MUTABLE = Set.of("labels", "annotations", "maxPodsPerNode");

	private final ClusterRepository clusters;
	private final NodeCounts nodeCounts;
	private final ApplicationEventPublisher events;
	private final Limits limits;

	private final ChangeLog changes;
	private final ReadSnapshot snapshot;

	ClusterService(ClusterRepository clusters, NodeCounts nodeCounts, ApplicationEventPublisher events, Limits limits,
			ChangeLog changes, ReadSnapshot snapshot) {
		this.changes = changes;
		this.snapshot = snapshot;
		this.clusters = clusters;
		this.nodeCounts = nodeCounts;
		this.events = events;
		this.limits = limits;
	}

	@Transactional
	ClusterView create(CreateClusterRequest request) {
		Labels.labels(request.labels());
		Labels.annotations(request.annotations());
		List<ClusterNetworks> networks = ClusterFamilies.of(request);
		if (clusters.findByName(request.name()).isPresent()) {
			throw Conflict.alreadyExists("cluster", request.name(), null);
		}
		long existing = clusters.count();
		Limits.check("clusters", limits.clusters(), existing, "podnet holds " + existing + " clusters; another");
		int maxPods = request.maxPodsPerNode() != null ? request.maxPodsPerNode() : DEFAULT_MAX_PODS_PER_NODE;
		// a concurrent create of the same name loses on the unique constraint and gets a 409
		Cluster cluster = clusters.saveAndFlush(new Cluster(request.name(), networks, maxPods,
				Labels.labels(request.labels()), Labels.annotations(request.annotations())));
		ClusterView view = ClusterView.of(cluster, 0);
		changes.record(ChangeKinds.CLUSTER, cluster.getId(), EventType.ADDED, view);
		return view;
	}

	/** The clusters the caller may see (all of them, or those of its token's scope) that the selector selects. */
	ItemList<ClusterView> list(Paging paging, LabelSelector selector) {
		List<String> scope = Caller.currentScope();
		// one snapshot: the resourceVersion is that of the rows
		return snapshot.read(() -> {
			long revision = changes.revision();
			Map<Long, Long> nodes = nodeCounts.perCluster();
			List<Cluster> page = paging.select((after, limit) -> scope.isEmpty() ? clusters.findPage(after.get(0), limit)
					: clusters.findPageAmong(after.get(0), scope, limit), c -> selector.matches(c.labels()),
					!selector.isEmpty(), c -> List.of(c.getName()));
			return paging.page(page, c -> List.of(c.getName()),
					c -> ClusterView.of(c, nodes.getOrDefault(c.getId(), 0L))).withResourceVersion(revision);
		});
	}

	/** What a watch of the cluster list follows: the clusters that list shows the caller. */
	WatchFilter watch(LabelSelector selector) {
		List<String> scope = Caller.currentScope();
		return WatchFilter.clusters(cluster -> (scope.isEmpty() || scope.contains(cluster.path("name").asString()))
				&& (selector.isEmpty() || selector.matches(Labels.ofView(cluster))));
	}

	/**
	 * Records for watchers that the cluster changed in the caller's transaction (a node or a user
	 * route added or deleted moves its version and counts): the cluster as a GET answers it now.
	 */
	public void recordModified(Cluster cluster) {
		// the version moves on at the flush
		clusters.flush();
		changes.record(ChangeKinds.CLUSTER, cluster.getId(), EventType.MODIFIED,
				ClusterView.of(cluster, nodeCounts.of(cluster)));
	}

	/**
	 * Applies a merge patch: labels, annotations and maxPodsPerNode may change, the latter only to a
	 * bound that no node's pods exceed. Under the cluster row's lock, as node creation.
	 */
	@Transactional
	ClusterView patch(String name, JsonNode body, String ifMatch) {
		Cluster cluster = lock(name);
		Versions.checkIfMatch(ifMatch, cluster.getVersion(), "cluster '" + name + "'");
		long nodes = nodeCounts.of(cluster);
		MergePatch patch = MergePatch.of(ClusterView.of(cluster, nodes), body, MUTABLE, "cluster '" + name + "'");
		if (patch.changes().isEmpty()) {
			return ClusterView.of(cluster, nodes);
		}
		if (patch.changes("maxPodsPerNode")) {
			int maxPods = patch.integer("maxPodsPerNode");
			if (maxPods < 1 || maxPods > CreateClusterRequest.MAX_PODS_PER_NODE) {
				throw new InvalidValue("maxPodsPerNode", maxPods, "is out of range; expected 1 to "
						+ CreateClusterRequest.MAX_PODS_PER_NODE);
			}
			int busiest = nodeCounts.limitPodsPerNode(cluster, maxPods);
			if (maxPods < busiest) {
				throw Conflict.inUse("cluster '" + name + "' has a node with " + busiest + " pods; maxPodsPerNode cannot "
						+ "go below that (" + maxPods + " asked). Delete pods first, or choose at least " + busiest);
			}
			cluster.limitPodsPerNode(maxPods);
		}
		cluster.relabel(patch.changes("labels") ? Labels.labels(patch.stringMap("labels")) : cluster.labels(),
				patch.changes("annotations") ? Labels.annotations(patch.stringMap("annotations")) : cluster.annotations());
		// the version moves on at the flush, and the answer shows the version the change got
		clusters.flush();
		ClusterView view = ClusterView.of(cluster, nodes);
		changes.record(ChangeKinds.CLUSTER, cluster.getId(), EventType.MODIFIED, view);
		return view;
	}

	/**
	 * Makes a single-stack cluster dual-stack, as Kubernetes allows: every node gets a subnet and an
	 * address of the new family and every pod an address, in this one transaction (see
	 * {@link FamilyAdded}). Under the cluster row's lock, as node creation.
	 */
	@Transactional
	ClusterView addFamily(String name, AddFamilyRequest request, String ifMatch) {
		Cluster cluster = lock(name);
		Versions.checkIfMatch(ifMatch, cluster.getVersion(), "cluster '" + name + "'");
		if (cluster.isDualStack()) {
			throw Conflict.inUse("cluster '" + name + "' is already dual-stack " + cluster.families().stream()
					.map(f -> f.family().name()).toList() + "; a cluster has at most two families, one of each");
		}
		ClusterNetworks family = ClusterNetworks.of(request.nodeNetwork(), request.gateway(), request.podNetwork(),
				request.nodeSubnetPrefixLength());
		if (family.family() == cluster.getIpFamily()) {
			throw new InvalidValue("podNetwork", request.podNetwork(), "is " + family.family() + ", the cluster's own"
					+ " family; expected a network of the other family, such as "
					+ (family.family() == io.podnet.ipam.IpFamily.IPv4 ? "fd00:10:244::/56" : "10.244.0.0/16"));
		}
		cluster.addSecondary(family);
		cluster.routesChanged();
		// the row holds the family before the nodes read it
		clusters.flush();
		events.publishEvent(new FamilyAdded(cluster, family));
		return modified(cluster);
	}

	/**
	 * Makes a dual-stack cluster single-stack again: the second family's addresses go from every
	 * pod and node, its routes from the gateway (see {@link FamilyRemoved}). The primary family stays,
	 * as Kubernetes keeps a cluster's first family.
	 */
	@Transactional
	ClusterView removeFamily(String name, String familyText, String ifMatch) {
		Cluster cluster = lock(name);
		Versions.checkIfMatch(ifMatch, cluster.getVersion(), "cluster '" + name + "'");
		List<String> families = cluster.families().stream().map(f -> f.family().name()).toList();
		if (!families.contains(familyText)) {
			throw new ResourceNotFound("address family", familyText, "cluster '" + name + "' (its families are "
					+ families + ")");
		}
		ClusterNetworks secondary = cluster.secondary().filter(f -> f.family().name().equals(familyText))
				.orElseThrow(() -> Conflict.inUse(familyText + " is the primary family of cluster '" + name + "'; only"
						+ " the second family can be removed, as Kubernetes keeps a cluster's first family"));
		events.publishEvent(new FamilyRemoved(cluster, secondary));
		cluster.removeSecondary();
		cluster.routesChanged();
		return modified(cluster);
	}

	private ClusterView modified(Cluster cluster) {
		clusters.flush();
		ClusterView view = ClusterView.of(cluster, nodeCounts.of(cluster));
		changes.record(ChangeKinds.CLUSTER, cluster.getId(), EventType.MODIFIED, view);
		return view;
	}

	@Transactional(readOnly = true)
	ClusterView get(String name) {
		Cluster cluster = find(name);
		return ClusterView.of(cluster, nodeCounts.of(cluster));
	}

	@Transactional
	void delete(String name, String ifMatch) {
		Cluster cluster = clusters.findByNameForUpdate(name).orElseThrow(() -> new ResourceNotFound("cluster", name));
		Versions.checkIfMatch(ifMatch, cluster.getVersion(), "cluster '" + name + "'");
		long nodes = nodeCounts.of(cluster);
		if (nodes > 0) {
			throw Conflict.inUse("cluster '" + name + "' still has " + nodes + " node(s); delete them first");
		}
		// its user routes go first (node routes went with the nodes), in this transaction
		events.publishEvent(new ClusterDeleted(cluster.getId(), name));
		// every watch of the cluster's objects ends with it
		changes.record(ChangeKinds.CLUSTER, cluster.getId(), EventType.DELETED, ClusterView.of(cluster, 0));
		clusters.delete(cluster);
	}

	/** The cluster with that id, if it still exists. */
	@Transactional(readOnly = true)
	public Optional<Cluster> byId(long id) {
		return clusters.findById(id);
	}

	/** The cluster, or a 404 naming it. */
	public Cluster find(String name) {
		return clusters.findByName(name).orElseThrow(() -> new ResourceNotFound("cluster", name));
	}

	/** The cluster row locked for the rest of the transaction: node allocation takes it. */
	public Cluster lock(String name) {
		return clusters.findByNameForUpdate(name).orElseThrow(() -> new ResourceNotFound("cluster", name));
	}
}

package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.IpFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.stream.Collectors;
import io.podnet.database.ReadSnapshot;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.NextFitAllocator;
import io.podnet.ipam.SubnetPool;
import io.podnet.problem.Conflict;
import io.podnet.api.ItemList;
import io.podnet.api.Limits;
import io.podnet.api.Paging;
import io.podnet.problem.ResourceNotFound;
import io.podnet.api.Versions;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import io.podnet.api.MergePatch;
import io.podnet.labels.LabelSelector;
import io.podnet.labels.Labels;
import tools.jackson.databind.JsonNode;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import io.podnet.watch.WatchFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nodes and their two allocations: an address on the node network and a pod subnet from the pod
 * network, both next-fit. Creation holds the cluster row's lock, so two nodes of one cluster never
 * get the same address or subnet; the unique constraints are the second line of defence.
 */
@Service
public class NodeService {

	private final NodeRepository nodes;
	private final ClusterService clusters;
	private final BlockedSubnets blockedSubnets;
	private final NodePodCounters counters;
	private final ApplicationEventPublisher events;
	private final Limits limits;
	private final NodeMetadata metadata;
	private final ChangeLog changes;
	private final FreshNodes freshNodes;
	private final ReadSnapshot snapshot;

	/** What a merge patch of a node may change; its address and subnet are fixed for life. */
	private static final Set<String> MUTABLE = Set.of("labels", "annotations");

	NodeService(NodeRepository nodes, ClusterService clusters, BlockedSubnets blockedSubnets, NodePodCounters counters,
			ApplicationEventPublisher events, Limits limits, NodeMetadata metadata, ChangeLog changes,
			FreshNodes freshNodes, ReadSnapshot snapshot) {
		this.snapshot = snapshot;
		this.metadata = metadata;
		this.changes = changes;
		this.freshNodes = freshNodes;
		this.nodes = nodes;
		this.clusters = clusters;
		this.blockedSubnets = blockedSubnets;
		this.counters = counters;
		this.events = events;
		this.limits = limits;
	}

	@Transactional
	public NodeView create(String clusterName, CreateNodeRequest request) {
		SortedMap<String, String> labels = Labels.labels(request.labels());
		SortedMap<String, String> annotations = Labels.annotations(request.annotations());
		Cluster cluster = clusters.lock(clusterName);
		if (nodes.existsByClusterAndName(cluster, request.name())) {
			throw Conflict.alreadyExists("node", request.name(), "cluster '" + clusterName + "'");
		}
		long existing = nodes.countByCluster(cluster);
		Limits.check("nodes-per-cluster", limits.nodesPerCluster(), existing, "cluster '" + clusterName + "' has "
				+ existing + " nodes; another");
		List<NodeFamily> families = allocate(cluster, request);
		cluster.routesChanged();
		Node node = nodes.saveAndFlush(new Node(cluster, request.name(), families, labels, annotations));
		counters.insert(node);
		NodeView view = NodeView.of(node);
		changes.record(ChangeKinds.NODE, cluster.getId(), EventType.ADDED, view);
		// the gateway's routes to the node's pod subnets, in this transaction
		events.publishEvent(new NodeAdded(node));
		clusters.recordModified(cluster);
		return view;
	}

	/** An address and a pod subnet in each family of the cluster, primary first: those asked for, or the next free. */
	private List<NodeFamily> allocate(Cluster cluster, CreateNodeRequest request) {
		List<ClusterNetworks> plans = cluster.families();
		Set<IpFamily> familySet = plans.stream().map(ClusterNetworks::family).collect(Collectors.toCollection(
				() -> EnumSet.noneOf(IpFamily.class)));
		IpFamily primary = plans.get(0).family();
		RequestedPerFamily addresses = RequestedPerFamily.addresses("address", request.address(), "addresses",
				request.addresses(), primary, familySet);
		RequestedPerFamily subnets = RequestedPerFamily.networks("podSubnet", request.podSubnet(), "podSubnets",
				request.podSubnets(), primary, familySet);
		List<NodeFamily> families = new ArrayList<>(plans.size());
		for (int i = 0; i < plans.size(); i++) {
			Family family = new Family(cluster, plans.get(i), i > 0);
			RequestedPerFamily.Requested address = addresses.of(family.plan().family());
			RequestedPerFamily.Requested subnet = subnets.of(family.plan().family());
			families.add(new NodeFamily(address == null ? allocateAddress(family) : requestedAddress(family, address),
					subnet == null ? allocateSubnet(family) : requestedSubnet(family, subnet)));
		}
		return families;
	}

	/** One family of a cluster as node allocation sees it: its plan, and whether its columns are the second ones. */
	private record Family(Cluster cluster, ClusterNetworks plan, boolean secondary) {
	}

	private IPAddress allocateAddress(Family family) {
		Cluster cluster = family.cluster();
		HostPool pool = family.plan().nodeAddresses();
		BigInteger value = NextFitAllocator.next(pool.range(), pool.reserved(), cluster.nodeAddressCursor(family.secondary()),
				(from, to, limit) -> family.secondary()
						? nodes.secondaryAddressValuesBetween(cluster, from, to, Limit.of(limit))
						: nodes.addressValuesBetween(cluster, from, to, Limit.of(limit)))
				.orElseThrow(() -> Conflict.exhausted(Conflict.Pool.NODE_ADDRESSES, "no free address on the node network "
						+ Addresses.format(family.plan().nodeNetwork()) + ": all " + pool.usable() + " usable addresses"
						+ " are taken; delete a node or create a cluster with a larger node network"));
		cluster.nodeAddressAllocated(family.secondary(), value);
		return pool.addressAt(value);
	}

	private IPAddress requestedAddress(Family family, RequestedPerFamily.Requested requested) {
		IPAddress address = family.plan().nodeAddresses().requested(requested.field(), requested.text());
		BigInteger value = Addresses.valueOf(address);
		(family.secondary() ? nodes.findByClusterAndSecondaryAddressValue(family.cluster(), value)
				: nodes.findByClusterAndAddressValue(family.cluster(), value)).ifPresent(holder -> {
					throw Conflict.taken(requested.field(), Addresses.format(address), "node '" + holder.getName() + "'");
				});
		return address;
	}

	private IPAddress allocateSubnet(Family family) {
		Cluster cluster = family.cluster();
		SubnetPool pool = family.plan().nodeSubnets();
		BigInteger value = NextFitAllocator.next(pool.range(), blockedSubnets.in(cluster, family.plan()),
				cluster.nodeSubnetCursor(family.secondary()),
				(from, to, limit) -> family.secondary()
						? nodes.secondaryPodSubnetValuesBetween(cluster, from, to, Limit.of(limit))
						: nodes.podSubnetValuesBetween(cluster, from, to, Limit.of(limit)))
				.orElseThrow(() -> Conflict.exhausted(Conflict.Pool.NODE_SUBNETS, "no node subnets remaining in the pod network "
						+ Addresses.format(family.plan().podNetwork()) + ": all " + pool.total() + " /"
						+ pool.subnetPrefixLength() + " subnets are allocated; delete a node or create a cluster with a"
						+ " larger pod network")
						.with("total", pool.total()).with("allocated", pool.total()));
		cluster.nodeSubnetAllocated(family.secondary(), value);
		return pool.subnetAt(value);
	}

	private IPAddress requestedSubnet(Family family, RequestedPerFamily.Requested requested) {
		Cluster cluster = family.cluster();
		IPAddress subnet = family.plan().nodeSubnets().requested(requested.field(), requested.text());
		BigInteger value = Addresses.valueOf(subnet);
		(family.secondary() ? nodes.findByClusterAndSecondaryPodSubnetValue(cluster, value)
				: nodes.findByClusterAndPodSubnetValue(cluster, value)).ifPresent(holder -> {
					throw Conflict.taken(requested.field(), Addresses.format(subnet), "node '" + holder.getName() + "'");
				});
		if (blockedSubnets.in(cluster, family.plan()).contains(value)) {
			throw Conflict.taken(requested.field(), Addresses.format(subnet), "a user route on the gateway that covers it "
					+ "(see GET /api/v1/clusters/" + cluster.getName() + "/routes)");
		}
		return subnet;
	}

	/** The cluster's nodes by name that the selector selects; a cluster has few enough to filter as they are read. */
	ItemList<NodeView> list(String clusterName, Paging paging, LabelSelector selector) {
		// one snapshot: the resourceVersion is that of the rows
		return snapshot.read(() -> {
			long revision = changes.revision();
			Cluster cluster = clusters.find(clusterName);
			List<Node> rows = paging.select((after, limit) -> nodes.findPage(cluster, after.get(0), limit),
					n -> selector.matches(n.labels()), !selector.isEmpty(), n -> List.of(n.getName()));
			return paging.page(rows, n -> List.of(n.getName()), NodeView::of).withResourceVersion(revision);
		});
	}

	/** What a watch of the node list follows: the nodes that list shows (404 for no such cluster). */
	@Transactional(readOnly = true)
	WatchFilter watch(String clusterName, LabelSelector selector) {
		Cluster cluster = clusters.find(clusterName);
		return WatchFilter.inCluster(ChangeKinds.NODE, cluster.getId(),
				node -> selector.isEmpty() || selector.matches(Labels.ofView(node)));
	}

	/**
	 * Records for watchers that the node changed in the caller's transaction (its pods, its pod
	 * limit): the node as a GET answers it now.
	 */
	public void recordModified(long clusterId, long nodeId) {
		changes.record(ChangeKinds.NODE, clusterId, EventType.MODIFIED, NodeView.of(freshNodes.read(nodeId)));
	}

	/**
	 * Applies a merge patch: only labels and annotations may change. Under the lock on the node's
	 * pod counters, which hold its version, as the pod writers take it.
	 */
	@Transactional
	NodeView patch(String clusterName, String nodeName, JsonNode body, String ifMatch) {
		Node node = find(clusterName, nodeName);
		NodePodCounters.Counters locked = counters.lock(node.getId()).orElseThrow(() -> notFound(clusterName, nodeName));
		String resource = "node '" + nodeName + "'";
		Versions.checkIfMatch(ifMatch, locked.version(), resource);
		NodeView current = NodeView.of(node, node.labels(), node.annotations(), locked.version());
		MergePatch patch = MergePatch.of(current, body, MUTABLE, resource);
		if (patch.changes().isEmpty()) {
			return current;
		}
		SortedMap<String, String> labels = patch.changes("labels") ? Labels.labels(patch.stringMap("labels")) : node.labels();
		SortedMap<String, String> annotations = patch.changes("annotations")
				? Labels.annotations(patch.stringMap("annotations")) : node.annotations();
		metadata.relabel(node.getId(), labels, annotations);
		NodeView view = NodeView.of(node, labels, annotations, locked.version() + 1);
		changes.record(ChangeKinds.NODE, node.getCluster().getId(), EventType.MODIFIED, view);
		return view;
	}

	@Transactional(readOnly = true)
	NodeView get(String clusterName, String nodeName) {
		return NodeView.of(find(clusterName, nodeName));
	}

	/**
	 * Deletes a node, its gateway route and (only with {@code cascade}) its pods, in one
	 * transaction; frees its address and subnet. The cluster row's lock orders it with the other
	 * changes of the routes (always cluster first, as every writer takes it); the lock on the node's
	 * pod counters keeps pods from being added meanwhile, and is taken before any row referring to
	 * the node is touched, as the pod writers take it.
	 */
	@Transactional
	public void delete(String clusterName, String nodeName, boolean cascade, String ifMatch) {
		Cluster cluster = clusters.lock(clusterName);
		Node node = nodes.findByClusterAndName(cluster, nodeName).orElseThrow(() -> notFound(clusterName, nodeName));
		// nodes are deleted only under the cluster's lock, which is held: the counters are there
		NodePodCounters.Counters pods = counters.lock(node.getId())
				.orElseThrow(() -> new IllegalStateException("node " + node.getId() + " has no row in node_pods"));
		Versions.checkIfMatch(ifMatch, pods.version(), "node '" + nodeName + "'");
		if (pods.podCount() > 0) {
			if (!cascade) {
				throw Conflict.inUse("node '" + nodeName + "' still has " + pods.podCount()
						+ " pod(s); delete them first, or delete with ?cascade=true to delete them along with the node");
			}
		}
		// its gateway route and (with cascade) its pods go first, in this transaction
		events.publishEvent(new NodeDeleted(node));
		changes.record(ChangeKinds.NODE, cluster.getId(), EventType.DELETED,
				NodeView.last(node, pods.podCount(), pods.version()));
		counters.delete(node.getId());
		nodes.delete(node);
		cluster.routesChanged();
		clusters.recordModified(cluster);
	}

	/**
	 * Every node of the cluster by name, bounded by podnet.limits.nodes-per-cluster: what the
	 * exports and the path tracer's routers are built from. Read in the caller's transaction.
	 */
	@Transactional(readOnly = true)
	public List<Node> all(Cluster cluster) {
		return nodes.findPage(cluster, "", Limit.unlimited());
	}

	/** The cluster's node of that name, if any. */
	@Transactional(readOnly = true)
	public Optional<Node> withName(Cluster cluster, String nodeName) {
		return nodes.findByClusterAndName(cluster, nodeName);
	}

	/** The cluster's node with that pod subnet (by network address) of its first or second family, if any. */
	@Transactional(readOnly = true)
	public Optional<Node> withPodSubnet(Cluster cluster, boolean secondary, BigInteger podSubnetValue) {
		return secondary ? nodes.findByClusterAndSecondaryPodSubnetValue(cluster, podSubnetValue)
				: nodes.findByClusterAndPodSubnetValue(cluster, podSubnetValue);
	}

	/** The node, or a 404 naming it and its cluster. */
	public Node find(String clusterName, String nodeName) {
		Cluster cluster = clusters.find(clusterName);
		return nodes.findByClusterAndName(cluster, nodeName).orElseThrow(() -> notFound(clusterName, nodeName));
	}

	public static ResourceNotFound notFound(String clusterName, String nodeName) {
		return new ResourceNotFound("node", nodeName, "cluster '" + clusterName + "'");
	}
}

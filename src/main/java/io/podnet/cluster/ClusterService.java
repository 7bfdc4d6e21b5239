package io.podnet.cluster;

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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClusterService {

	static final int DEFAULT_MAX_PODS_PER_NODE = 110;

	private final ClusterRepository clusters;
	private final NodeCounts nodeCounts;
	private final ApplicationEventPublisher events;
	private final Limits limits;

	ClusterService(ClusterRepository clusters, NodeCounts nodeCounts, ApplicationEventPublisher events, Limits limits) {
		this.clusters = clusters;
		this.nodeCounts = nodeCounts;
		this.events = events;
		this.limits = limits;
	}

	@Transactional
	ClusterView create(CreateClusterRequest request) {
		ClusterNetworks networks = ClusterNetworks.of(request.nodeNetwork(), request.gateway(),
				request.podNetwork(), request.nodeSubnetPrefixLength());
		if (clusters.findByName(request.name()).isPresent()) {
			throw Conflict.alreadyExists("cluster", request.name(), null);
		}
		long existing = clusters.count();
		Limits.check("clusters", limits.clusters(), existing, "podnet holds " + existing + " clusters; another");
		int maxPods = request.maxPodsPerNode() != null ? request.maxPodsPerNode() : DEFAULT_MAX_PODS_PER_NODE;
		// a concurrent create of the same name loses on the unique constraint and gets a 409
		Cluster cluster = clusters.saveAndFlush(new Cluster(request.name(), networks, maxPods));
		return ClusterView.of(cluster, 0);
	}

	/** The clusters the caller may see: all of them, or those of its token's scope. */
	@Transactional(readOnly = true)
	ItemList<ClusterView> list(Paging paging) {
		Map<Long, Long> nodes = nodeCounts.perCluster();
		List<String> scope = Caller.currentScope();
		List<Cluster> page = scope.isEmpty() ? clusters.findPage(paging.after(0), paging.fetch())
				: clusters.findPageAmong(paging.after(0), scope, paging.fetch());
		return paging.page(page, c -> List.of(c.getName()),
				c -> ClusterView.of(c, nodes.getOrDefault(c.getId(), 0L)));
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

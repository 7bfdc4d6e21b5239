package io.podnet.path.resolver;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterDeleted;
import io.podnet.cluster.ClusterRepository;
import io.podnet.node.NodeRepository;
import io.podnet.routing.RouteService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each cluster's current {@link RoutingSnapshot}, rebuilt when the cluster row's routesVersion
 * says the routes or nodes changed. The version is read from the database on every trace, so the
 * cache stays correct with several replicas on one database: a replica never answers from routes
 * older than the ones it just read the version of.
 */
@Component
class RoutingSnapshots {

	private final Map<Long, RoutingSnapshot> byCluster = new ConcurrentHashMap<>();
	private final Map<Long, Object> rebuildLocks = new ConcurrentHashMap<>();
	private final ClusterRepository clusters;
	private final NodeRepository nodes;
	private final RouteService routes;

	RoutingSnapshots(ClusterRepository clusters, NodeRepository nodes, RouteService routes) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.routes = routes;
	}

	/**
	 * The snapshot of a cluster at least as new as the routesVersion just read from its row, or
	 * empty if the cluster has been deleted since; call inside the trace's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY, readOnly = true)
	Optional<RoutingSnapshot> current(long clusterId, long routesVersion) {
		RoutingSnapshot cached = byCluster.get(clusterId);
		if (cached != null && cached.routesVersion() >= routesVersion) {
			return Optional.of(cached);
		}
		// One rebuild per cluster at a time: the traces that arrive meanwhile wait for it rather than
		// each reading thousands of nodes themselves.
		synchronized (rebuildLock(clusterId)) {
			cached = byCluster.get(clusterId);
			if (cached != null && cached.routesVersion() >= routesVersion) {
				return Optional.of(cached);
			}
			Optional<Cluster> cluster = clusters.findById(clusterId);
			if (cluster.isEmpty()) {
				return Optional.empty();
			}
			// The nodes and routes are read after the cluster row, so the snapshot is at least as new as
			// the version it carries (itself at least the one the caller read).
			RoutingSnapshot fresh = new RoutingSnapshot(cluster.get(), routes.gatewayTable(cluster.get()),
					nodes.findPage(cluster.get(), "", Limit.unlimited()));
			byCluster.merge(clusterId, fresh,
					(old, candidate) -> candidate.routesVersion() >= old.routesVersion() ? candidate : old);
			return Optional.of(fresh);
		}
	}

	private Object rebuildLock(long clusterId) {
		return rebuildLocks.computeIfAbsent(clusterId, id -> new Object());
	}

	/** Forgets a deleted cluster's snapshot once the deletion is committed. */
	@TransactionalEventListener
	void forget(ClusterDeleted deleted) {
		byCluster.remove(deleted.clusterId());
		rebuildLocks.remove(deleted.clusterId());
	}
}

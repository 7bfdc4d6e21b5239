package io.podnet.path.resolver;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterDeleted;
import io.podnet.node.NodeRepository;
import io.podnet.routing.RouteService;
import java.util.Map;
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
	private final NodeRepository nodes;
	private final RouteService routes;

	RoutingSnapshots(NodeRepository nodes, RouteService routes) {
		this.nodes = nodes;
		this.routes = routes;
	}

	/** The snapshot for the cluster as just read; call inside the trace's transaction. */
	@Transactional(propagation = Propagation.MANDATORY, readOnly = true)
	RoutingSnapshot current(Cluster cluster) {
		RoutingSnapshot cached = byCluster.get(cluster.getId());
		if (cached != null && cached.routesVersion() >= cluster.getRoutesVersion()) {
			return cached;
		}
		// One rebuild per cluster at a time: the traces that arrive meanwhile wait for it rather than
		// each reading thousands of nodes themselves.
		synchronized (rebuildLock(cluster.getId())) {
			cached = byCluster.get(cluster.getId());
			if (cached != null && cached.routesVersion() >= cluster.getRoutesVersion()) {
				return cached;
			}
			// Read after the cluster row, so the snapshot is at least as new as the version it carries.
			RoutingSnapshot fresh = new RoutingSnapshot(cluster, routes.gatewayTable(cluster),
					nodes.findPage(cluster, "", Limit.unlimited()));
			byCluster.merge(cluster.getId(), fresh,
					(old, candidate) -> candidate.routesVersion() >= old.routesVersion() ? candidate : old);
			return fresh;
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

package io.podnet.paths;

import java.time.Instant;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterDeleted;
import io.podnet.cluster.ClusterService;
import io.podnet.node.NodeService;
import io.podnet.routing.RouteService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each cluster's current {@link Routers}, rebuilt when the cluster row's routesVersion
 * says the routes or nodes changed. The version is read from the database on every trace, so the
 * cache stays correct with several replicas on one database: a replica never answers from routes
 * older than the ones it just read the version of.
 */
@Component
class RouterCache {

	private final Map<Long, RouterSet> byCluster = new ConcurrentHashMap<>();
	private final Map<Long, Object> rebuildLocks = new ConcurrentHashMap<>();
	private final ClusterService clusters;
	private final NodeService nodes;
	private final RouteService routes;
	private final TransactionTemplate readOnly;

	RouterCache(ClusterService clusters, NodeService nodes, RouteService routes,
			PlatformTransactionManager transactionManager) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.routes = routes;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * The snapshot of a cluster at least as new as the routesVersion just read from its row, or
	 * empty if the cluster has been deleted since. The creation time read with it tells the cluster
	 * from an earlier one that had the same id (a restored or recreated database hands ids out again):
	 * that one's snapshot is never served. A cached snapshot costs no transaction; a rebuild
	 * reads in a read-only one of its own.
	 */
	Optional<RouterSet> current(long clusterId, Instant createdAt, long routesVersion) {
		RouterSet cached = byCluster.get(clusterId);
		if (cached != null && cached.serves(createdAt, routesVersion)) {
			return Optional.of(cached);
		}
		// One rebuild per cluster at a time: the traces that arrive meanwhile wait for it rather than
		// each reading thousands of nodes themselves.
		synchronized (rebuildLock(clusterId)) {
			cached = byCluster.get(clusterId);
			if (cached != null && cached.serves(createdAt, routesVersion)) {
				return Optional.of(cached);
			}
			Optional<RouterSet> fresh = readOnly.execute(status -> read(clusterId));
			// a snapshot of another cluster that had this id is replaced whatever its version
			fresh.ifPresent(snapshot -> byCluster.merge(clusterId, snapshot,
					(old, candidate) -> !candidate.createdAt().equals(old.createdAt())
							|| candidate.routesVersion() >= old.routesVersion() ? candidate : old));
			return fresh;
		}
	}

	/** The cluster's snapshot as stored now, or empty if the cluster is gone. */
	private Optional<RouterSet> read(long clusterId) {
		Optional<Cluster> cluster = clusters.byId(clusterId);
		// The nodes and routes are read after the cluster row, so the snapshot is at least as new as
		// the version it carries (itself at least the one the caller read).
		return cluster.map(c -> new RouterSet(c, routes.gatewayTable(c), nodes.all(c)));
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

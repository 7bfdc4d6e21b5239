package io.podnet.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.podnet.cluster.ClusterFactsReader;
import io.podnet.cluster.ClusterPools;
import io.podnet.node.NodeUsage;
import io.podnet.node.NodeUsageReader;
import io.podnet.routing.UserRouteCounts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gauges of the networks, read from the database every {@code podnet.metrics.refresh} by one
 * background thread, in three statements whatever the size (clusters, nodes with their pod
 * counters, user routes per cluster). A scrape never touches the database: it reads the last values.
 * Every replica reads the same tables, so each reports the same cluster-level values (at most one
 * refresh apart); a deleted cluster's or node's series go at the next refresh.
 *
 * <p>Named as Kubernetes' node IPAM names its own (cidrset_usage_cidrs is the usage ratio).
 */
@Component
class NetworkGauges implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NetworkGauges.class);

	private final ClusterFactsReader clusters;
	private final NodeUsageReader nodes;
	private final UserRouteCounts routes;
	private final boolean perNode;
	private final Duration refresh;
	private final ScheduledExecutorService refresher;

	private final SnapshotGauge nodeSubnetsCapacity;
	private final SnapshotGauge nodeSubnetsAllocated;
	private final SnapshotGauge nodeSubnetsUsage;
	private final SnapshotGauge nodeAddressesCapacity;
	private final SnapshotGauge nodeCount;
	private final SnapshotGauge podCount;
	private final SnapshotGauge userRouteCount;
	private final SnapshotGauge nodePodAddressesCapacity;
	private final SnapshotGauge nodePodAddressesAllocated;
	/** Seconds since the epoch of the last refresh that read every value; 0 before the first. */
	private volatile double lastRefresh;

	NetworkGauges(ClusterFactsReader clusters, NodeUsageReader nodes, UserRouteCounts routes, MeterRegistry registry,
			@Value("${podnet.metrics.refresh:15s}") Duration refresh,
			@Value("${podnet.metrics.per-node:true}") boolean perNode) {
		this.clusters = clusters;
		this.nodes = nodes;
		this.routes = routes;
		this.perNode = perNode;
		nodeSubnetsCapacity = gauge(registry, "podnet.node.subnets.capacity",
				"node subnets (podCIDRs) the cluster's pod network holds");
		nodeSubnetsAllocated = gauge(registry, "podnet.node.subnets.allocated", "node subnets allocated to nodes");
		nodeSubnetsUsage = gauge(registry, "podnet.node.subnets.usage",
				"allocated / capacity of the node subnets, 0 to 1 (as Kubernetes' cidrset_usage_cidrs)");
		nodeAddressesCapacity = gauge(registry, "podnet.node.addresses.capacity",
				"node addresses the cluster's node network holds, the gateway's excepted (one per node)");
		nodeCount = gauge(registry, "podnet.nodes", "nodes in the cluster");
		podCount = gauge(registry, "podnet.pods", "pods in the cluster");
		userRouteCount = gauge(registry, "podnet.user.routes", "routes users added to the cluster's gateway");
		nodePodAddressesCapacity = gauge(registry, "podnet.node.pod.addresses.capacity",
				"pod addresses the node can hand out: its pod subnet's usable addresses, at most maxPodsPerNode");
		nodePodAddressesAllocated = gauge(registry, "podnet.node.pod.addresses.allocated",
				"pod addresses the node's pods hold");
		Gauge.builder("podnet.metrics.refreshed", this, gauges -> gauges.lastRefresh)
				.description("when the network gauges were last read from the database, seconds since the epoch")
				.baseUnit("seconds").register(registry);
		this.refresh = refresh;
		refresher = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "metrics-refresh");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Once the schema is migrated and the service is up, not before: a first read then would only fail. */
	@EventListener(ApplicationReadyEvent.class)
	void start() {
		refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static SnapshotGauge gauge(MeterRegistry registry, String name, String description) {
		return new SnapshotGauge(registry, name, description);
	}

	/** Reads every value afresh and replaces the series: a cluster or node gone loses its series. */
	void refresh() {
		List<ClusterPools> pools = clusters.pools();
		List<NodeUsage> usage = nodes.all();
		Map<Long, Long> userRoutes = routes.perCluster();
		Map<Long, long[]> nodesAndPods = new HashMap<>();
		for (NodeUsage node : usage) {
			long[] counts = nodesAndPods.computeIfAbsent(node.clusterId(), id -> new long[2]);
			counts[0]++;
			counts[1] += node.pods();
		}
		Map<Long, String> names = new HashMap<>();
		Map<Tags, Double> subnetsCapacity = new HashMap<>(), subnetsAllocated = new HashMap<>(),
				subnetsUsage = new HashMap<>(), addressesCapacity = new HashMap<>(), nodeRows = new HashMap<>(),
				podRows = new HashMap<>(), routeRows = new HashMap<>();
		for (ClusterPools cluster : pools) {
			names.put(cluster.id(), cluster.name());
			Tags tags = Tags.of("cluster", cluster.name());
			long[] counts = nodesAndPods.getOrDefault(cluster.id(), new long[2]);
			// every node holds one node subnet and one node address
			subnetsCapacity.put(tags, cluster.nodeSubnets().doubleValue());
			subnetsAllocated.put(tags, (double) counts[0]);
			subnetsUsage.put(tags, ratio(counts[0], cluster.nodeSubnets()));
			addressesCapacity.put(tags, cluster.nodeAddresses().doubleValue());
			nodeRows.put(tags, (double) counts[0]);
			podRows.put(tags, (double) counts[1]);
			routeRows.put(tags, (double) userRoutes.getOrDefault(cluster.id(), 0L));
		}
		nodeSubnetsCapacity.publish(subnetsCapacity);
		nodeSubnetsAllocated.publish(subnetsAllocated);
		nodeSubnetsUsage.publish(subnetsUsage);
		nodeAddressesCapacity.publish(addressesCapacity);
		nodeCount.publish(nodeRows);
		podCount.publish(podRows);
		userRouteCount.publish(routeRows);
		Map<Tags, Double> podCapacity = new HashMap<>(), podAllocated = new HashMap<>();
		if (perNode) {
			for (NodeUsage node : usage) {
				String cluster = names.get(node.clusterId());
				if (cluster != null) {
					Tags tags = Tags.of("cluster", cluster, "node", node.node());
					podCapacity.put(tags, (double) node.podAddresses());
					podAllocated.put(tags, (double) node.pods());
				}
			}
		}
		nodePodAddressesCapacity.publish(podCapacity);
		nodePodAddressesAllocated.publish(podAllocated);
		lastRefresh = System.currentTimeMillis() / 1000.0;
	}

	private static double ratio(long allocated, BigInteger capacity) {
		return capacity.signum() == 0 ? 0 : allocated / capacity.doubleValue();
	}

	/** A failed refresh (the database away) keeps the last values; podnet.metrics.refreshed shows their age. */
	private void refreshQuietly() {
		try {
			refresh();
		} catch (RuntimeException e) {
			log.warn("Could not read the network gauges from the database; the metrics keep the last values: {}",
					e.toString());
		}
	}

	@Override
	public void destroy() {
		refresher.shutdownNow();
	}
}

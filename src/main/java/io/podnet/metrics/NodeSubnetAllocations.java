package io.podnet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.podnet.node.NodeAdded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the node subnets handed out, as Kubernetes' cidrset_cidrs_allocations_total does: once a
 * node's transaction has committed (a dry run or a failed create counts nothing). A counter of this
 * replica's allocations, as Prometheus counters are: sum() over the replicas gives the cluster's.
 */
@Component
class NodeSubnetAllocations {

	private final MeterRegistry registry;

	NodeSubnetAllocations(MeterRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void on(NodeAdded added) {
		Counter.builder("podnet.node.subnet.allocations").description("node subnets allocated to new nodes")
				.tag("cluster", added.node().getCluster().getName()).register(registry).increment();
	}
}

package io.podnet.pod;

import io.podnet.cluster.FamilyAdded;
import io.podnet.cluster.FamilyRemoved;
import io.podnet.ipam.Addresses;
import io.podnet.pod.PodFamilyWrites.NodeSubnet;
import io.podnet.problem.InvalidValue;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pods' part of adding or removing a cluster's second address family: every pod gets an
 * address of the family from its node's new subnet, or loses it. The nodes' part has run (their
 * counters are locked, their subnets written); then one watch event per pod.
 */
@Component
class PodFamilies {

	/** Pods are read back as entities this many at a time, for their watch events. */
	private static final int PAGE = 1000;

	private final PodFamilyWrites writes;
	private final ChangeLog changes;

	PodFamilies(PodFamilyWrites writes, ChangeLog changes) {
		this.writes = writes;
		this.changes = changes;
	}

	/**
	 * On each node, its pods in the order of their first addresses get the new subnet's addresses
	 * from the start, as next-fit would have handed them out; the node's cursor ends on the last.
	 * A node whose new subnet cannot hold its pods refuses the whole change.
	 */
	@EventListener
	@Order(FamilyAdded.PODS)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyAdded added) {
		long clusterId = added.cluster().getId();
		Map<Long, NodeSubnet> subnets = writes.nodeSubnets(clusterId);
		List<Long> ids = new ArrayList<>();
		List<Object[]> podRows = new ArrayList<>();
		Map<Long, BigInteger> cursors = new HashMap<>();
		writes.eachPod(clusterId, pod -> {
			NodeSubnet node = subnets.get(pod.nodeId());
			BigInteger last = cursors.get(pod.nodeId());
			BigInteger value = last == null ? node.pool().first() : last.add(BigInteger.ONE);
			if (value.compareTo(node.pool().last()) > 0) {
				// the node's pods so far, this one included: one address each from the first
				BigInteger count = value.subtract(node.pool().first()).add(BigInteger.ONE);
				throw new InvalidValue("nodeSubnetPrefixLength", node.pool().network().getNetworkPrefixLength(),
						"leaves node '" + node.name() + "' room for " + node.pool().usable() + " pods in its new subnet "
								+ Addresses.format(node.pool().network()) + " but it has at least " + count + "; expected"
								+ " a shorter prefix length");
			}
			cursors.put(pod.nodeId(), value);
			ids.add(pod.id());
			podRows.add(new Object[] { Addresses.format(node.pool().addressAt(value)), new BigDecimal(value), pod.id() });
		});
		writes.secondAddresses(podRows);
		writes.secondCursors(cursors);
		recordModified(clusterId, ids);
	}

	/** Every pod loses its address of the family; the nodes' subnets of it are gone already. */
	@EventListener
	@Order(FamilyRemoved.PODS)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyRemoved removed) {
		long clusterId = removed.cluster().getId();
		recordModified(clusterId, writes.noSecondAddresses(clusterId));
	}

	/** Tells watchers of each pod as a GET answers it now, a page at a time. */
	private void recordModified(long clusterId, List<Long> ids) {
		for (int from = 0; from < ids.size(); from += PAGE) {
			writes.readEach(ids.subList(from, Math.min(ids.size(), from + PAGE)),
					pod -> changes.record(ChangeKinds.POD, clusterId, EventType.MODIFIED, PodView.of(pod)));
		}
	}
}

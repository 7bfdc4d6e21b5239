package io.podnet.node;

import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.FamilyAdded;
import io.podnet.cluster.FamilyRemoved;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.AllocationRange;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.SubnetPool;
import io.podnet.problem.InvalidValue;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nodes' part of adding or removing a cluster's second address family: a subnet and an address
 * of the family for every node, or none. Runs in the conversion's transaction, under the cluster
 * row's lock, with every node's pod counters locked first, so no pod is created meanwhile with the
 * family half there.
 */
@Component
class NodeFamilies {

	private final NodeRepository nodes;
	private final NodePodCounters counters;
	private final NodeFamilyWrites writes;
	private final FreshNodes freshNodes;
	private final ChangeLog changes;

	NodeFamilies(NodeRepository nodes, NodePodCounters counters, NodeFamilyWrites writes, FreshNodes freshNodes,
			ChangeLog changes) {
		this.nodes = nodes;
		this.counters = counters;
		this.writes = writes;
		this.freshNodes = freshNodes;
		this.changes = changes;
	}

	/**
	 * Every node, by name, gets the next subnet and the next address of the new family: next-fit
	 * from the family's start, since nothing of it is taken yet. The cursors end on the last ones,
	 * so the next node continues after them.
	 */
	@EventListener
	@Order(FamilyAdded.NODES)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyAdded added) {
		Cluster cluster = added.cluster();
		ClusterNetworks family = added.family();
		counters.lockAllAsChanged(cluster.getId());
		List<Node> all = nodes.findPage(cluster, "", Limit.unlimited());
		SubnetPool subnets = family.nodeSubnets();
		HostPool addresses = family.nodeAddresses();
		BigInteger count = BigInteger.valueOf(all.size());
		if (count.compareTo(subnets.total()) > 0) {
			throw new InvalidValue("podNetwork", Addresses.format(family.podNetwork()), "holds " + subnets.total() + " /"
					+ subnets.subnetPrefixLength() + " node subnets but cluster '" + cluster.getName() + "' has "
					+ all.size() + " nodes; expected a larger pod network, or a longer nodeSubnetPrefixLength");
		}
		if (count.compareTo(addresses.usable()) > 0) {
			throw new InvalidValue("nodeNetwork", Addresses.format(family.nodeNetwork()), "holds " + addresses.usable()
					+ " node addresses but cluster '" + cluster.getName() + "' has " + all.size() + " nodes; expected a"
					+ " larger node network");
		}
		AllocationRange subnetRange = subnets.range();
		AllocationRange addressRange = addresses.range();
		BigInteger subnet = null;
		BigInteger address = null;
		List<Object[]> nodeRows = new ArrayList<>(all.size());
		List<Object[]> counterRows = new ArrayList<>(all.size());
		for (Node node : all) {
			subnet = subnet == null ? subnetRange.first() : subnet.add(subnetRange.step());
			address = address == null ? addressRange.first() : address.add(BigInteger.ONE);
			while (addresses.reserved().contains(address)) {
				address = address.add(BigInteger.ONE);
			}
			String subnetText = Addresses.format(subnets.subnetAt(subnet));
			nodeRows.add(new Object[] { Addresses.format(addresses.addressAt(address)), new BigDecimal(address),
					subnetText, new BigDecimal(subnet), node.getId() });
			counterRows.add(new Object[] { subnetText, node.getId() });
		}
		writes.secondFamily(nodeRows, counterRows);
		if (subnet != null) {
			cluster.nodeSubnetAllocated(true, subnet);
			cluster.nodeAddressAllocated(true, address);
		}
		recordModified(cluster, all);
	}

	/** Every node loses its subnet and address of the family; its pods' addresses of it go next. */
	@EventListener
	@Order(FamilyRemoved.NODES)
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(FamilyRemoved removed) {
		Cluster cluster = removed.cluster();
		counters.lockAllAsChanged(cluster.getId());
		List<Node> all = nodes.findPage(cluster, "", Limit.unlimited());
		writes.noSecondFamily(cluster.getId());
		recordModified(cluster, all);
	}

	/** Tells watchers of each node as a GET answers it now: read again, for it was changed around the entity. */
	private void recordModified(Cluster cluster, List<Node> all) {
		for (Node node : all) {
			changes.record(ChangeKinds.NODE, cluster.getId(), EventType.MODIFIED, NodeView.of(freshNodes.read(node.getId())));
		}
	}
}

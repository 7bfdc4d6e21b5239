package io.podnet.routing;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterNetworks;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.ipam.SubnetPool;
import io.podnet.kubenet.RouteKind;
import io.podnet.node.NodeService;
import io.podnet.problem.Conflict;
import io.podnet.problem.InvalidValue;
import io.podnet.api.Limits;
import io.podnet.problem.ResourceNotFound;
import io.podnet.api.Versions;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import java.math.BigInteger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes users add to the gateway. They may not take over a node's subnet: a user route that
 * covers part of one with an equal or longer prefix would win the longest-prefix match and cut
 * the node's pods off, so it is refused (409), and node allocation skips the subnets such routes
 * fall in. A shorter one, such as a default route, only catches what no node route matches.
 */
@Service
public class UserRoutes {

	private final GatewayRouteRepository routes;
	private final ClusterService clusters;
	private final NodeService nodes;
	private final Limits limits;
	private final ChangeLog changes;

	UserRoutes(GatewayRouteRepository routes, ClusterService clusters, NodeService nodes, Limits limits,
			ChangeLog changes) {
		this.routes = routes;
		this.changes = changes;
		this.limits = limits;
		this.clusters = clusters;
		this.nodes = nodes;
	}

	@Transactional
	public RouteView add(String clusterName, CreateRouteRequest request) {
		IPAddress destination = Addresses.parseNetwork("destination", request.destination());
		RouteKind type = type(request);
		// the cluster lock orders this against node creation, which checks user routes the same way
		Cluster cluster = clusters.lock(clusterName);
		ClusterNetworks family = family(cluster, "destination", request.destination(), destination);
		SpecialRanges.checkDestination("destination", request.destination(), destination);
		IPAddress nextHop = type == RouteKind.STATIC ? nextHop(family, request.nextHop()) : null;
		checkNodeNetworkIsNotShadowed(family, destination);
		checkNoNodeSubnetIsTakenOver(cluster, family, destination);
		int prefix = destination.getNetworkPrefixLength();
		routes.findByClusterAndIpFamilyAndDestinationValueAndPrefixLength(cluster, family.family(),
				Addresses.valueOf(destination), prefix)
				.ifPresent(existing -> {
					throw Conflict.alreadyExists("route", Addresses.format(destination), "cluster '" + clusterName + "'");
				});
		long existing = routes.countUserRoutes(cluster);
		Limits.check("user-routes-per-cluster", limits.userRoutesPerCluster(), existing, "cluster '" + clusterName
				+ "' has " + existing + " user routes; another");
		GatewayRoute route = routes.saveAndFlush(GatewayRoute.user(cluster, destination, type, nextHop));
		cluster.routesChanged();
		RouteView view = RouteView.of(route.toRoute(), route.getVersion());
		changes.record(ChangeKinds.ROUTE, cluster.getId(), EventType.ADDED, view);
		clusters.recordModified(cluster);
		return view;
	}

	private static RouteKind type(CreateRouteRequest request) {
		if (request.type() == null) {
			if (request.nextHop() == null) {
				throw new InvalidValue("type", null, "is required without a nextHop; expected STATIC (with nextHop), "
						+ "BLACKHOLE or EXTERNAL");
			}
			return RouteKind.STATIC;
		}
		RouteKind type;
		try {
			type = RouteKind.valueOf(request.type());
		} catch (IllegalArgumentException e) {
			type = null;
		}
		if (type == null || !type.isUserRoute()) {
			throw new InvalidValue("type", request.type(), "is not a route type users can add; expected STATIC, "
					+ "BLACKHOLE or EXTERNAL (NODE routes come with nodes)");
		}
		if (type == RouteKind.STATIC && request.nextHop() == null) {
			throw new InvalidValue("nextHop", null, "is required for a STATIC route; expected an address on the "
					+ "node network");
		}
		if (type != RouteKind.STATIC && request.nextHop() != null) {
			throw new InvalidValue("nextHop", request.nextHop(), "must be left out of a " + type + " route");
		}
		return type;
	}

	/** The cluster's family of that address; a 422 naming the field if the cluster has no such family. */
	private static ClusterNetworks family(Cluster cluster, String field, String text, IPAddress address) {
		IpFamily wanted = IpFamily.of(address);
		return cluster.families().stream().filter(f -> f.family() == wanted).findFirst()
				.orElseThrow(() -> new InvalidValue(field, text, "is " + wanted + " but the cluster is "
						+ cluster.families().stream().map(f -> f.family().name()).toList()
						+ "; expected an address of the cluster's families"));
	}

	private static IPAddress nextHop(ClusterNetworks family, String text) {
		IPAddress nextHop = Addresses.parseAddress("nextHop", text);
		String nodeNetworkText = Addresses.format(family.nodeNetwork());
		SpecialRanges.checkAddress("nextHop", text, nextHop, false, "an address on the node network "
				+ nodeNetworkText);
		IPAddress nodeNetwork = family.nodeNetwork();
		BigInteger value = Addresses.valueOf(nextHop);
		boolean usable = IpFamily.of(nextHop) == family.family() && nodeNetwork.contains(nextHop)
				&& family.nodeAddresses().range().contains(value);
		if (!usable) {
			throw new InvalidValue("nextHop", text, "is not a host address on the node network "
					+ nodeNetworkText + "; a next hop must be reachable on the gateway's eth0, in the destination's"
					+ " family");
		}
		if (nextHop.equals(family.gateway())) {
			throw new InvalidValue("nextHop", text, "is the gateway itself; expected another address on the node "
					+ "network, such as a node's");
		}
		return nextHop;
	}

	private static void checkNodeNetworkIsNotShadowed(ClusterNetworks family, IPAddress destination) {
		IPAddress nodeNetwork = family.nodeNetwork();
		if (nodeNetwork.contains(destination)) {
			throw Conflict.inUse("destination " + Addresses.format(destination) + " lies inside the node network "
					+ Addresses.format(nodeNetwork) + ", which the gateway reaches directly on eth0; a route there would cut "
					+ "nodes off. Use a destination outside it, or a shorter prefix that contains it");
		}
	}

	private void checkNoNodeSubnetIsTakenOver(Cluster cluster, ClusterNetworks family, IPAddress destination) {
		int nodePrefix = family.nodeSubnetPrefixLength();
		if (destination.getNetworkPrefixLength() < nodePrefix || !family.podNetwork().contains(destination)) {
			return;
		}
		BigInteger subnet = subnetContaining(family.nodeSubnets(), destination);
		boolean secondary = family.family() != cluster.getIpFamily();
		nodes.withPodSubnet(cluster, secondary, subnet).ifPresent(node -> {
			throw Conflict.inUse("destination " + Addresses.format(destination) + " covers part of node '"
					+ node.getName() + "' pod subnet " + Addresses.format(blockOf(family, subnet)) + " with an equal or longer prefix, so it "
					+ "would take that node's traffic; only routes with a prefix shorter than /" + nodePrefix
					+ " may cover node subnets");
		});
	}

	/** The network address of the node subnet a destination (at least as long) falls in. */
	static BigInteger subnetContaining(SubnetPool pool, IPAddress destination) {
		BigInteger value = Addresses.valueOf(destination);
		return value.subtract(value.subtract(pool.range().first()).mod(pool.subnetSize()));
	}

	private static IPAddress blockOf(ClusterNetworks family, BigInteger subnet) {
		return family.nodeSubnets().subnetAt(subnet);
	}

	@Transactional
	public void delete(String clusterName, String destinationText, String ifMatch) {
		IPAddress destination = Addresses.parseNetwork("destination", destinationText);
		Cluster cluster = clusters.lock(clusterName);
		GatewayRoute route = routes.findByClusterAndIpFamilyAndDestinationValueAndPrefixLength(cluster,
				IpFamily.of(destination), Addresses.valueOf(destination), destination.getNetworkPrefixLength())
				.orElseThrow(() -> new ResourceNotFound("route", Addresses.format(destination),
						"the gateway of cluster '" + clusterName + "'"));
		if (route.getNode() != null) {
			throw Conflict.inUse("route " + route.getDestination() + " belongs to node '" + route.getNode().getName()
					+ "'; it goes when the node is deleted");
		}
		Versions.checkIfMatch(ifMatch, route.getVersion(), "route " + route.getDestination());
		changes.record(ChangeKinds.ROUTE, cluster.getId(), EventType.DELETED,
				RouteView.of(route.toRoute(), route.getVersion()));
		routes.delete(route);
		cluster.routesChanged();
		clusters.recordModified(cluster);
	}
}

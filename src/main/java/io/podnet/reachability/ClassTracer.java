package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import io.podnet.kubenet.RouteTables;
import io.podnet.path.Flow;
import io.podnet.path.InMemoryNetwork;
import io.podnet.path.PathTracer;
import io.podnet.path.Protocol;
import io.podnet.path.Trace;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every flow from the selected pods by tracing one flow per class. Why the classes are
 * exact, i.e. why every flow of a class goes the way its representative goes:
 * <ul>
 * <li>Every pod of a node has the same table (default via the bridge, the subnet on eth0) and the
 * tracer only reads a pod's ports when delivering to it: sources are classed by node, destination
 * pods by node and by whether a container declares the port ({@link PodGroup}).</li>
 * <li>A flow to an address in another node's subnet, to the node network or beyond the nodes goes
 * pod → its node → (gateway or a neighbour on the node network) → …, and no device past the source
 * node ever decides by the source: nothing translates addresses, and a loop is found at the gateway
 * or a node whatever node it started from. So one source node outside the destination's stands for
 * all of them ({@link SourceScope#OTHER_NODES}, {@link SourceScope#EVERY_NODE}). The source's own
 * node decides differently (its subnet is on its bridge, its address is its own), hence
 * {@link SourceScope#SAME_NODE} and {@link SourceScope#SAME_POD} classes, per node.</li>
 * <li>Addresses that own nothing are classed by longest-prefix match ({@link PrefixAtoms}) over
 * every prefix of every table: node subnets, the node network, user routes, default. Inside a node
 * subnet, by owner: a pod, the bridge, nobody; on the node network: the gateway, a node, nobody.</li>
 * </ul>
 * Flows are traced without words ({@link PathTracer#decide}); the answer's examples are narrated
 * afterwards ({@link #narrate}).
 * This holds as long as no user route lies inside a node subnet or the node network, which the
 * route and node APIs refuse. Special-purpose ranges (loopback, link-local, multicast...) are no
 * destination here, as they are none for the path endpoint.
 */
final class ClassTracer {

	private final ClusterPlan plan;
	private final Integer port;
	private final Protocol protocol;
	private final boolean addresses;
	private final IPAddress within;
	/** Prefixes inside {@code within} whose addresses are not asked about. */
	private final List<IPAddress> except;
	private final IpFamily family;
	private final InMemoryNetwork network;
	private final PathTracer tracer;
	private final Map<String, List<PodGroup>> groupsByNode = new HashMap<>();
	private final Map<String, Long> sourcesByNode = new HashMap<>();
	/** Per node with selected sources, one of them; in the plan's node order. */
	private final Map<String, PodSample> sourceByNode = new LinkedHashMap<>();
	private final long totalSources;
	private final List<TracedClass> classes = new ArrayList<>();
	private final List<IPAddress> cuts;

	/**
	 * @param addresses whether destinations other than pods are asked about
	 * @param within if not null, only destinations in this prefix are asked about
	 */
	ClassTracer(ClusterPlan plan, Integer port, Protocol protocol, boolean addresses, IPAddress within) {
		this(plan, port, protocol, addresses, within, List.of());
	}

	/** @param except prefixes whose destinations are not asked about either (an intent's {@code to.except}) */
	ClassTracer(ClusterPlan plan, Integer port, Protocol protocol, boolean addresses, IPAddress within,
			List<IPAddress> except) {
		this(plan, port, protocol, addresses, within, except, List.of());
	}

	/**
	 * @param cuts further prefixes that cut the address classes though this plan has no route or node
	 *        for them: another plan's (a what-if's other side), so that both sides are classed alike
	 *        and each class means the same addresses before and after
	 */
	ClassTracer(ClusterPlan plan, Integer port, Protocol protocol, boolean addresses, IPAddress within,
			List<IPAddress> except, List<IPAddress> cuts) {
		this.cuts = cuts.stream().filter(prefix -> IpFamily.of(prefix) == IpFamily.of(plan.nodeNetwork())).toList();
		this.plan = plan;
		this.port = port;
		this.protocol = protocol;
		this.addresses = addresses;
		this.within = within == null ? null
				: Addresses.blockFromValue(IpFamily.of(within), Addresses.valueOf(within), within.getNetworkPrefixLength());
		this.except = except.stream().map(prefix -> Addresses.blockFromValue(IpFamily.of(prefix),
				Addresses.valueOf(prefix), prefix.getNetworkPrefixLength())).toList();
		this.family = IpFamily.of(plan.nodeNetwork());
		this.network = RepresentativeNetwork.of(plan);
		this.tracer = new PathTracer(network);
		long total = 0;
		for (PodGroup group : plan.groups()) {
			groupsByNode.computeIfAbsent(group.node(), node -> new ArrayList<>()).add(group);
			sourcesByNode.merge(group.node(), group.sources(), Long::sum);
			total += group.sources();
		}
		this.totalSources = total;
		for (NodePlan node : plan.nodes()) {
			for (PodGroup group : groupsByNode.getOrDefault(node.name(), List.of())) {
				if (!group.sourceSamples().isEmpty()) {
					sourceByNode.putIfAbsent(node.name(), group.sourceSamples().get(0));
				}
			}
		}
	}

	/** Every class with its trace, in the order of the plan's nodes. */
	List<TracedClass> run() {
		for (NodePlan node : plan.nodes()) {
			for (PodGroup group : groupsByNode.getOrDefault(node.name(), List.of())) {
				podClasses(node, group);
			}
			if (addresses) {
				nodeAddresses(node);
			}
		}
		if (addresses && totalSources > 0) {
			beyondTheNodes();
		}
		// the traces are independent and the network immutable: on as many cores as there are
		return classes.parallelStream().map(one -> one.decided(tracer.decide(one.flow()))).toList();
	}

	/** The flow traced again with every hop's words: for the few examples the answer shows. */
	Trace narrate(Flow flow) {
		return tracer.trace(flow);
	}

	/**
	 * An address class of another answer (a what-if's other side) decided in this network: its
	 * example destination, from its source if that pod is here, else from a source here that stands
	 * in the same relation to the class's node. Empty for pods, whose classes are theirs alone, and
	 * when no such source is here.
	 */
	Optional<TracedClass> counterpart(TracedClass other) {
		if (other.kind() == DestinationKind.POD) {
			return Optional.empty();
		}
		PodSample source = network.device(other.source().device()).isPresent() ? other.source()
				: switch (other.scope()) {
					case SAME_NODE -> sourceByNode.get(other.node());
					case OTHER_NODES -> sourceByNode.entrySet().stream().filter(e -> !e.getKey().equals(other.node()))
							.map(Map.Entry::getValue).findFirst().orElse(null);
					default -> sourceByNode.values().stream().findFirst().orElse(null);
				};
		if (source == null) {
			return Optional.empty();
		}
		Flow flow = new Flow(source.device(), other.flow().destination(), port, protocol);
		return Optional.of(new TracedClass(other.scope(), other.kind(), other.prefix(), other.node(), false,
				other.destination(), 0, 0, source, flow, tracer.decide(flow)));
	}

	long sourcesOn(String node) {
		return sourcesByNode.getOrDefault(node, 0L);
	}

	long totalSources() {
		return totalSources;
	}

	private void podClasses(NodePlan node, PodGroup group) {
		if (group.destinations() == 0) {
			return;
		}
		PodSample destination = group.destinationSamples().get(0);
		long local = sourcesOn(node.name());
		long remotePairs = Math.multiplyExact(totalSources - local, group.destinations());
		if (remotePairs > 0) {
			trace(SourceScope.OTHER_NODES, DestinationKind.POD, null, node, group.listening(), destination.name(),
					group.destinations(), remotePairs, sourceOutside(node.name()), destination.ip());
		}
		long sameNodePairs = Math.multiplyExact(local, group.destinations()) - group.both();
		if (sameNodePairs > 0) {
			PodSample[] pair = distinctPair(node.name(), group);
			trace(SourceScope.SAME_NODE, DestinationKind.POD, null, node, group.listening(), pair[1].name(),
					group.destinations(), sameNodePairs, pair[0], pair[1].ip());
		}
		if (group.both() > 0) {
			PodSample self = group.bothSample();
			trace(SourceScope.SAME_POD, DestinationKind.POD, null, node, group.listening(), self.name(), group.both(),
					group.both(), self, self.ip());
		}
	}

	/**
	 * A source on the node and a destination of the group that are two pods. One exists whenever
	 * the class has pairs: with two samples of each kept, all of them being one pod means the node
	 * has one source and the group one destination, the same pod, which is a pair with itself only.
	 */
	private PodSample[] distinctPair(String node, PodGroup group) {
		for (PodSample destination : group.destinationSamples()) {
			for (PodGroup onNode : groupsByNode.get(node)) {
				for (PodSample source : onNode.sourceSamples()) {
					if (!source.name().equals(destination.name())) {
						return new PodSample[] { source, destination };
					}
				}
			}
		}
		throw new IllegalStateException("no two pods on " + node + " for a class with pairs");
	}

	/** The node's bridge, free pod addresses and own address: decided apart on the node itself. */
	private void nodeAddresses(NodePlan node) {
		IPAddress subnet = node.podSubnet();
		BigInteger bridge = Addresses.valueOf(RouteTables.bridgeAddress(subnet));
		if (inScope(bridge)) {
			perSourceNode(node, DestinationKind.BRIDGE, bridge);
		}
		BigInteger free = firstFree(subnet, node.podAddresses());
		if (free != null) {
			perSourceNode(node, DestinationKind.FREE_POD_ADDRESS, free);
		}
		BigInteger own = Addresses.valueOf(node.address());
		if (inScope(own)) {
			perSourceNode(node, DestinationKind.NODE, own);
		}
	}

	/** An address of the node's: one class for the node's own pods, one for everyone else's. */
	private void perSourceNode(NodePlan node, DestinationKind kind, BigInteger value) {
		IPAddress address = Addresses.fromValue(family, value);
		String name = Addresses.format(address);
		if (sourcesOn(node.name()) > 0) {
			trace(SourceScope.SAME_NODE, kind, null, node, false, name, 0, 0, sourceByNode.get(node.name()), address);
		}
		if (totalSources - sourcesOn(node.name()) > 0) {
			trace(SourceScope.OTHER_NODES, kind, null, node, false, name, 0, 0, sourceOutside(node.name()), address);
		}
	}

	/** The gateway, the node network's free addresses and every prefix's atom: no node's own. */
	private void beyondTheNodes() {
		PodSample anySource = sourceByNode.values().iterator().next();
		BigInteger gateway = Addresses.valueOf(plan.gateway());
		if (inScope(gateway)) {
			everyNode(DestinationKind.GATEWAY, null, gateway, anySource);
		}
		if (clip(plan.nodeNetwork()) != null) {
			TakenAddresses taken = new TakenAddresses(Addresses.valueOf(plan.nodeNetwork()));
			taken.take(gateway);
			plan.nodes().forEach(node -> taken.take(Addresses.valueOf(node.address())));
			BigInteger free = firstFree(plan.nodeNetwork(), taken);
			if (free != null) {
				everyNode(DestinationKind.FREE_NODE_ADDRESS, null, free, anySource);
			}
		}
		for (PrefixAtoms.Atom atom : atoms().atoms()) {
			if (inScope(atom.representative())) {
				everyNode(DestinationKind.PREFIX, Addresses.format(atom.prefix()), atom.representative(), anySource);
			}
		}
	}

	/** The prefixes that cut this plan's address classes: its node network, node subnets and routes. */
	static List<IPAddress> cutsOf(ClusterPlan plan) {
		List<IPAddress> cuts = new ArrayList<>();
		cuts.add(plan.nodeNetwork());
		plan.nodes().forEach(node -> cuts.add(node.podSubnet()));
		plan.gatewayTable().forEach(route -> cuts.add(route.destination()));
		return cuts;
	}

	private PrefixAtoms atoms() {
		PrefixAtoms atoms = new PrefixAtoms();
		atoms.add(Addresses.parseNetwork("destination", family.defaultDestination()), false);
		// classed by owner, above
		atoms.add(plan.nodeNetwork(), true);
		plan.nodes().forEach(node -> atoms.add(node.podSubnet(), true));
		for (Route route : plan.gatewayTable()) {
			atoms.add(route.destination(), route.kind() == RouteKind.NODE || route.kind() == RouteKind.CONNECTED);
		}
		SpecialRanges.all().stream()
				.filter(range -> IpFamily.of(range.block()) == family)
				.forEach(range -> atoms.add(range.block(), true));
		if (within != null) {
			// cuts the atoms it overlaps, so that each lies wholly inside or outside it
			atoms.add(within, false);
		}
		except.forEach(prefix -> atoms.add(prefix, false));
		// a cut already in this plan keeps its own standing (covered stays covered)
		cuts.forEach(prefix -> atoms.add(prefix, false));
		return atoms;
	}

	private void everyNode(DestinationKind kind, String prefix, BigInteger value, PodSample source) {
		IPAddress address = Addresses.fromValue(family, value);
		trace(SourceScope.EVERY_NODE, kind, prefix, null, false, prefix != null ? prefix : Addresses.format(address), 0,
				0, source, address);
	}

	/** A source on another node than this one; there is one whenever such sources are counted. */
	private PodSample sourceOutside(String node) {
		for (Map.Entry<String, PodSample> entry : sourceByNode.entrySet()) {
			if (!entry.getKey().equals(node)) {
				return entry.getValue();
			}
		}
		throw new IllegalStateException("no source outside " + node);
	}

	private void trace(SourceScope scope, DestinationKind kind, String prefix, NodePlan node, boolean listening,
			String destination, long destinationPods, long pairs, PodSample source, IPAddress address) {
		Flow flow = new Flow(source.device(), address, port, protocol);
		classes.add(new TracedClass(scope, kind, prefix, node == null ? null : node.name(), listening, destination,
				destinationPods, pairs, source, flow, null));
	}

	private boolean inScope(BigInteger value) {
		return (within == null || PodFilter.within(within, value))
				&& except.stream().noneMatch(prefix -> PodFilter.within(prefix, value));
	}

	/**
	 * The first address of the block asked about that nobody holds, or null: in its overlap with
	 * {@code within}, skipping the exceptions (each a run of addresses to step over).
	 */
	private BigInteger firstFree(IPAddress block, TakenAddresses taken) {
		BigInteger[] range = clip(block);
		if (range == null) {
			return null;
		}
		BigInteger low = range[0];
		while (low.compareTo(range[1]) <= 0) {
			IPAddress skipped = exceptAt(low);
			if (skipped != null) {
				low = skipped.getUpper().getValue().add(BigInteger.ONE);
				continue;
			}
			BigInteger high = range[1];
			for (IPAddress prefix : except) {
				BigInteger start = Addresses.valueOf(prefix);
				if (start.compareTo(low) > 0 && start.compareTo(high) <= 0) {
					high = start.subtract(BigInteger.ONE);
				}
			}
			BigInteger free = taken.firstFree(low, high);
			if (free != null) {
				return free;
			}
			low = high.add(BigInteger.ONE);
		}
		return null;
	}

	private IPAddress exceptAt(BigInteger value) {
		return except.stream().filter(prefix -> PodFilter.within(prefix, value)).findFirst().orElse(null);
	}

	/** The block's addresses asked about: [low, high] of its overlap with {@code within}, or null. */
	private BigInteger[] clip(IPAddress block) {
		BigInteger low = Addresses.valueOf(block);
		BigInteger high = block.getUpper().getValue();
		if (within != null) {
			low = low.max(Addresses.valueOf(within));
			high = high.min(within.getUpper().getValue());
		}
		return low.compareTo(high) <= 0 ? new BigInteger[] { low, high } : null;
	}
}

package io.podnet.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.SpecialRanges;
import io.podnet.kubenet.RouteTables;
import io.podnet.path.Disposition;
import io.podnet.path.Flow;
import io.podnet.path.InMemoryNetwork;
import io.podnet.path.PathTracer;
import io.podnet.path.Protocol;
import io.podnet.support.SeededCases;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reachability answer is exact: on random clusters it equals tracing every selected pod pair,
 * and every sampled address from every source node, one flow at a time through a network that
 * holds every pod.
 */
class ClassTracerTests {

	/** A random cluster with a random question about it. */
	record Case(RandomCluster cluster, Set<String> sources, Set<String> destinations, Integer port, Protocol protocol,
			boolean addresses, IPAddress within, List<IPAddress> except) {

		@Override
		public String toString() {
			return cluster + "\n  sources " + sources + "\n  destinations " + destinations + "\n  port " + port + "/"
					+ protocol + (addresses ? ", addresses within " + within + " except " + except : ", pods only");
		}

		boolean excepted(IPAddress address) {
			return except.stream().anyMatch(prefix -> prefix.contains(address));
		}
	}

	@Test
	void theAnswerEqualsTracingEveryPairAndEveryAddressOneByOne() {
		SeededCases.check("reachability classes", 200, ClassTracerTests::randomCase, ClassTracerTests::check);
	}

	private static Case randomCase(SplittableRandom random) {
		RandomCluster cluster = new RandomCluster(random);
		Set<String> sources = pick(random, cluster);
		Set<String> destinations = random.nextInt(3) == 0 ? sources : pick(random, cluster);
		Integer port = random.nextInt(4) == 0 ? null : random.nextBoolean() ? 8080 : 53;
		Protocol protocol = random.nextBoolean() ? Protocol.TCP : Protocol.UDP;
		boolean addresses = random.nextInt(4) != 0;
		IPAddress within = null;
		if (addresses && random.nextBoolean()) {
			List<IPAddress> choices = new ArrayList<>();
			choices.add(cluster.podNetwork);
			choices.add(cluster.nodeNetwork);
			cluster.nodes.values().forEach(node -> choices.add(node.podSubnet()));
			cluster.userRoutes.forEach(route -> choices.add(route.destination()));
			IPAddress chosen = choices.get(random.nextInt(choices.size()));
			// sometimes a part of it only
			int longer = Math.min(chosen.getBitCount(), chosen.getNetworkPrefixLength() + random.nextInt(3));
			within = Addresses.blockFromValue(cluster.family, Addresses.valueOf(chosen), longer);
		}
		List<IPAddress> except = new ArrayList<>();
		if (within != null && within.getNetworkPrefixLength() < within.getBitCount() && random.nextBoolean()) {
			// an intent's to.except: one half, quarter or eighth of within left out
			int longer = Math.min(within.getBitCount(), within.getNetworkPrefixLength() + 1 + random.nextInt(3));
			BigInteger parts = BigInteger.ONE.shiftLeft(longer - within.getNetworkPrefixLength());
			BigInteger part = BigInteger.valueOf(random.nextInt(parts.intValue()));
			BigInteger size = within.getCount().divide(parts);
			except.add(Addresses.blockFromValue(cluster.family, Addresses.valueOf(within).add(part.multiply(size)), longer));
		}
		return new Case(cluster, sources, destinations, port, protocol, addresses, within, except);
	}

	private static Set<String> pick(SplittableRandom random, RandomCluster cluster) {
		boolean all = random.nextBoolean();
		return cluster.pods.stream().map(pod -> pod.sample().name())
				.filter(name -> all || random.nextInt(3) != 0)
				.collect(Collectors.toSet());
	}

	private static void check(Case c) {
		RandomCluster cluster = c.cluster();
		ClusterPlan plan = cluster.plan(c.sources(), c.destinations(), c.port(), c.protocol());
		ClassTracer classes = new ClassTracer(plan, c.port(), c.protocol(), c.addresses(), c.within(), c.except());
		List<TracedClass> traced = classes.run();
		Reachability answer = Reachability.of(plan, traced);
		PathTracer truth = new PathTracer(cluster.wholeNetwork());

		// every pod pair, one by one
		Map<Disposition, Long> expected = new EnumMap<>(Disposition.class);
		for (RandomCluster.Pod source : cluster.pods) {
			for (RandomCluster.Pod destination : cluster.pods) {
				if (c.sources().contains(source.sample().name()) && c.destinations().contains(destination.sample().name())) {
					Disposition disposition = truth.trace(new Flow(source.sample().device(), destination.sample().ip(),
							c.port(), c.protocol())).disposition();
					expected.merge(disposition, 1L, Long::sum);
				}
			}
		}
		assertThat(answer.pairs()).as("pairs by disposition").isEqualTo(expected);
		assertThat(answer.allReachable()).isEqualTo(expected.keySet().stream().allMatch(d -> d == Disposition.ACCEPTED));
		assertThat(answer.exceptions().stream().mapToLong(ClassGroup::pairs).sum())
				.isEqualTo(expected.entrySet().stream().filter(e -> e.getKey() != Disposition.ACCEPTED)
						.mapToLong(Map.Entry::getValue).sum());

		// each class's example goes in the whole network as it went among the samples, and none is left out
		for (TracedClass one : traced) {
			assertThat(one.kind() != DestinationKind.POD && c.excepted(one.flow().destination())).as("excepted %s", one)
					.isFalse();
			assertThat(truth.trace(one.flow()).disposition()).as("example of %s", one).isEqualTo(one.trace().disposition());
		}

		// every address of every node subnet and of the node network, and a sample beyond, from every source node
		if (!c.addresses()) {
			assertThat(answer.outside()).isEmpty();
			return;
		}
		Set<BigInteger> podIps = new HashSet<>();
		cluster.pods.forEach(pod -> podIps.add(Addresses.valueOf(pod.sample().ip())));
		List<RandomCluster.Pod> sources = oneSourcePerNode(c);
		for (IPAddress address : sampleAddresses(cluster, new SplittableRandom(podIps.size()))) {
			if (podIps.contains(Addresses.valueOf(address)) || SpecialRanges.containing(address).isPresent()
					|| c.within() != null && !c.within().contains(address) || c.excepted(address)) {
				continue;
			}
			for (RandomCluster.Pod source : sources) {
				Disposition actual = truth.trace(new Flow(source.sample().device(), address, c.port(), c.protocol()))
						.disposition();
				TracedClass claimed = classOf(cluster, traced, source.node(), address)
						.orElseThrow(() -> new AssertionError("no class for " + address + " from " + source.node()));
				assertThat(claimed.trace().disposition()).as("%s from %s (class %s)", address, source.sample().name(),
						claimed).isEqualTo(actual);
			}
		}
	}

	private static List<RandomCluster.Pod> oneSourcePerNode(Case c) {
		Set<String> seen = new HashSet<>();
		return c.cluster().pods.stream()
				.filter(pod -> c.sources().contains(pod.sample().name()) && seen.add(pod.node()))
				.toList();
	}

	/** Whole node subnets and node network (they are small), then a few addresses in each route's prefix and anywhere. */
	private static List<IPAddress> sampleAddresses(RandomCluster cluster, SplittableRandom random) {
		List<IPAddress> blocks = new ArrayList<>();
		blocks.add(cluster.nodeNetwork);
		cluster.nodes.values().forEach(node -> blocks.add(node.podSubnet()));
		List<IPAddress> addresses = new ArrayList<>();
		for (IPAddress block : blocks) {
			block.withoutPrefixLength().toPrefixBlock(block.getNetworkPrefixLength()).getIterable()
					.forEach(address -> addresses.add(address.withoutPrefixLength()));
		}
		List<IPAddress> prefixes = new ArrayList<>(List.of(cluster.podNetwork,
				Addresses.parseNetwork("test", cluster.family.defaultDestination())));
		cluster.userRoutes.forEach(route -> prefixes.add(route.destination()));
		for (IPAddress prefix : prefixes) {
			for (int i = 0; i < 8; i++) {
				BigInteger size = prefix.getCount();
				BigInteger offset = new BigInteger(size.bitLength() + 8, new java.util.Random(random.nextLong())).mod(size);
				addresses.add(Addresses.fromValue(cluster.family, Addresses.valueOf(prefix).add(offset)));
			}
		}
		return addresses;
	}

	/**
	 * The class the answer puts a flow from a node's pods to an address (no pod's) in, found from the
	 * definitions of the classes rather than from the engine's code.
	 */
	private static Optional<TracedClass> classOf(RandomCluster cluster, List<TracedClass> traced, String sourceNode,
			IPAddress address) {
		for (NodePlan node : cluster.nodes.values()) {
			DestinationKind kind = null;
			if (node.podSubnet().contains(address)) {
				kind = address.equals(RouteTables.bridgeAddress(node.podSubnet())) ? DestinationKind.BRIDGE
						: DestinationKind.FREE_POD_ADDRESS;
			} else if (node.address().equals(address)) {
				kind = DestinationKind.NODE;
			}
			if (kind != null) {
				SourceScope scope = node.name().equals(sourceNode) ? SourceScope.SAME_NODE : SourceScope.OTHER_NODES;
				DestinationKind wanted = kind;
				return traced.stream().filter(t -> t.kind() == wanted && t.scope() == scope && node.name().equals(t.node()))
						.findFirst();
			}
		}
		if (address.equals(cluster.gateway)) {
			return traced.stream().filter(t -> t.kind() == DestinationKind.GATEWAY).findFirst();
		}
		if (cluster.nodeNetwork.contains(address)) {
			return traced.stream().filter(t -> t.kind() == DestinationKind.FREE_NODE_ADDRESS).findFirst();
		}
		// the longest of the prefixes that cut the space beyond the nodes
		return traced.stream().filter(t -> t.kind() == DestinationKind.PREFIX)
				.filter(t -> Addresses.parseNetwork("test", t.prefix()).contains(address))
				.max((a, b) -> Integer.compare(Addresses.parseNetwork("test", a.prefix()).getNetworkPrefixLength(),
						Addresses.parseNetwork("test", b.prefix()).getNetworkPrefixLength()));
	}
}

package io.podnet.path;

import io.podnet.kubenet.Family;
import static io.podnet.path.Disposition.ACCEPTED;
import static io.podnet.path.Disposition.EXITS_NETWORK;
import static io.podnet.path.Disposition.LOOP;
import static io.podnet.path.Disposition.NEIGHBOR_UNREACHABLE;
import static io.podnet.path.Disposition.NO_ROUTE;
import static io.podnet.path.Disposition.NULL_ROUTED;
import static io.podnet.path.Disposition.REFUSED;
import static io.podnet.path.Protocol.TCP;
import static io.podnet.path.Protocol.UDP;
import static io.podnet.path.Scope.CROSS_NODE;
import static io.podnet.path.Scope.EXTERNAL;
import static io.podnet.path.Scope.SAME_NODE;
import static io.podnet.path.Scope.SAME_POD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scope and every disposition, traced through the article's cluster (node-1: web .2, api .3;
 * node-2: db .2; node-3: no pods) in both address families. A path is written as
 * {@code device:ACTION > device:ACTION}; gateway routes are extra user routes for that case.
 */
class PathTracerTests {

	private static final String WEB = "pod default/web";
	private static final String DB = "pod default/db";

	record Case(String from, String to, Integer port, Protocol protocol, List<String> gatewayRoutes,
			Disposition disposition, Scope scope, String path, int ttl) {
	}

	static Stream<Arguments> paths() {
		return Stream.of(
				row("same pod: its own address, a declared port",
						new Case(WEB, "10.244.0.2", 8080, TCP, List.of(), ACCEPTED, SAME_POD, "pod default/web:ACCEPTED", 64)),
				row("same pod: localhost, a declared port",
						new Case(WEB, "127.0.0.1", 8080, TCP, List.of(), ACCEPTED, SAME_POD, "pod default/web:ACCEPTED", 64)),
				row("same pod: localhost, a port no container declares",
						new Case(WEB, "127.0.0.1", 9999, TCP, List.of(), REFUSED, SAME_POD, "pod default/web:REFUSED", 64)),
				row("same pod: a TCP port asked as UDP",
						new Case(WEB, "127.0.0.1", 8080, UDP, List.of(), REFUSED, SAME_POD, "pod default/web:REFUSED", 64)),
				row("same pod: no port, like ping",
						new Case(WEB, "127.0.0.1", null, null, List.of(), ACCEPTED, SAME_POD, "pod default/web:ACCEPTED", 64)),
				row("same node: a pod on the same bridge",
						new Case(WEB, "10.244.0.3", 8080, TCP, List.of(), ACCEPTED, SAME_NODE,
								"pod default/web:ORIGINATED > node-1:BRIDGED > pod default/api:ACCEPTED", 64)),
				row("same node: a UDP port",
						new Case(WEB, "10.244.0.3", 9090, UDP, List.of(), ACCEPTED, SAME_NODE,
								"pod default/web:ORIGINATED > node-1:BRIDGED > pod default/api:ACCEPTED", 64)),
				row("same node: a port no container declares",
						new Case(WEB, "10.244.0.3", 5432, TCP, List.of(), REFUSED, SAME_NODE,
								"pod default/web:ORIGINATED > node-1:BRIDGED > pod default/api:REFUSED", 64)),
				row("same node: the node's bridge address",
						new Case(WEB, "10.244.0.1", null, null, List.of(), ACCEPTED, SAME_NODE,
								"pod default/web:ORIGINATED > node-1:ACCEPTED", 64)),
				row("same node: the node's bridge address, with a port",
						new Case(WEB, "10.244.0.1", 22, TCP, List.of(), REFUSED, SAME_NODE,
								"pod default/web:ORIGINATED > node-1:REFUSED", 64)),
				row("same node: an address of the node's subnet no pod has",
						new Case(WEB, "10.244.0.9", null, null, List.of(), NEIGHBOR_UNREACHABLE, SAME_NODE,
								"pod default/web:NEIGHBOR_UNREACHABLE", 64)),
				row("cross node: the article's case, web to db on 5432/TCP",
						new Case(WEB, "10.244.1.2", 5432, TCP, List.of(), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > pod default/db:ACCEPTED", 61)),
				row("cross node: the way back, db to web",
						new Case(DB, "10.244.0.2", 8080, TCP, List.of(), ACCEPTED, CROSS_NODE,
								"pod default/db:ORIGINATED > node-2:ROUTED > gateway:ROUTED > node-1:ROUTED > pod default/web:ACCEPTED", 61)),
				row("cross node: no port, like ping",
						new Case(WEB, "10.244.1.2", null, null, List.of(), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > pod default/db:ACCEPTED", 61)),
				row("cross node: a TCP port asked as UDP",
						new Case(WEB, "10.244.1.2", 5432, UDP, List.of(), REFUSED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > pod default/db:REFUSED", 61)),
				row("cross node: another node's address, on the node network",
						new Case(WEB, "10.100.0.3", null, null, List.of(), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > node-2:ACCEPTED", 63)),
				row("cross node: another node's address, with a port",
						new Case(WEB, "10.100.0.3", 22, TCP, List.of(), REFUSED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > node-2:REFUSED", 63)),
				row("cross node: the gateway's address",
						new Case(WEB, "10.100.0.1", null, null, List.of(), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ACCEPTED", 63)),
				row("cross node: an address of node-2's subnet no pod has",
						new Case(WEB, "10.244.1.9", null, null, List.of(), NEIGHBOR_UNREACHABLE, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:NEIGHBOR_UNREACHABLE", 61)),
				row("cross node: a node with no pods yet",
						new Case(WEB, "10.244.2.2", null, null, List.of(), NEIGHBOR_UNREACHABLE, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-3:NEIGHBOR_UNREACHABLE", 61)),
				row("outside the cluster, the gateway has no default route",
						new Case(WEB, "8.8.8.8", null, null, List.of(), NO_ROUTE, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:NO_ROUTE", 63)),
				row("external: a default route out of the cluster",
						new Case(WEB, "8.8.8.8", 443, TCP, List.of("0.0.0.0/0 external"), EXITS_NETWORK, EXTERNAL,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:EXITS_NETWORK", 62)),
				row("external: the default route does not capture node subnets, which are longer",
						new Case(WEB, "10.244.1.2", 5432, TCP, List.of("0.0.0.0/0 external"), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > pod default/db:ACCEPTED", 61)),
				row("a blackhole route on the gateway",
						new Case(WEB, "10.244.200.5", null, null, List.of("blackhole 10.244.200.0/24"), NULL_ROUTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:NULL_ROUTED", 63)),
				row("longest prefix wins: a blackhole for the whole pod network leaves node-2's subnet alone",
						new Case(WEB, "10.244.1.2", 5432, TCP, List.of("blackhole 10.244.0.0/16"), ACCEPTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > pod default/db:ACCEPTED", 61)),
				row("longest prefix wins: a host route blackholes one pod",
						new Case(WEB, "10.244.1.2", 5432, TCP, List.of("blackhole 10.244.1.2/32"), NULL_ROUTED, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:NULL_ROUTED", 63)),
				row("a user route whose next hop is no node",
						new Case(WEB, "10.50.1.1", null, null, List.of("10.50.0.0/16 via 10.100.0.99"), NEIGHBOR_UNREACHABLE,
								CROSS_NODE, "pod default/web:ORIGINATED > node-1:ROUTED > gateway:NEIGHBOR_UNREACHABLE", 62)),
				row("loop: a user route via node-1, which does not own it and sends it back",
						new Case(WEB, "10.244.200.5", null, null, List.of("10.244.200.0/24 via 10.100.0.2"), LOOP, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-1:ROUTED > gateway:LOOP", 61)),
				row("loop: a user route via node-2, which does not own it and sends it back",
						new Case(WEB, "10.244.200.5", null, null, List.of("10.244.200.0/24 via 10.100.0.3"), LOOP, CROSS_NODE,
								"pod default/web:ORIGINATED > node-1:ROUTED > gateway:ROUTED > node-2:ROUTED > gateway:LOOP", 61)))
				.flatMap(rows -> rows);
	}

	private static Stream<Arguments> row(String description, Case expected) {
		return Stream.of(Family.values()).map(family -> Arguments.of(description, family, expected));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("paths")
	void forwardsHopByHopToTheExpectedDisposition(String description, Family family, Case expected) {
		ArticleCluster cluster = ArticleCluster.article(family);
		expected.gatewayRoutes().forEach(cluster::gatewayRoute);
		Flow flow = new Flow(expected.from(), family.address(expected.to()), expected.port(), expected.protocol());

		Trace trace = new PathTracer(cluster.network()).trace(flow);

		assertThat(path(trace)).as(trace.explanation()).isEqualTo(expected.path());
		assertThat(trace.disposition()).isEqualTo(expected.disposition());
		assertThat(trace.scope()).isEqualTo(expected.scope());
		assertThat(trace.ttl()).isEqualTo(expected.ttl());
		assertThat(trace.lastHop().ttl()).isEqualTo(expected.ttl());
		assertThat(trace.destination()).isEqualTo(family.address(expected.to()));
		assertThat(trace.explanation()).startsWith(expected.from() + " → ").contains(trace.lastHop().description());
		if (expected.disposition() != ACCEPTED) {
			assertThat(trace.explanation()).contains(expected.disposition().name());
			assertThat(trace.lastHop().description()).startsWithIgnoringCase(stopName(trace.lastHop()));
		}
	}

	private static String path(Trace trace) {
		return trace.hops().stream().map(hop -> hop.device() + ":" + hop.action()).collect(Collectors.joining(" > "));
	}

	/** The last hop's sentence starts with the device it stopped at. */
	private static String stopName(Hop hop) {
		return hop.kind() == DeviceKind.GATEWAY ? "the gateway" : hop.device();
	}
}

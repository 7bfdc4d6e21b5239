package io.podnet.path;

import io.podnet.kubenet.Family;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The article's three paths, hop by hop, as a kernel, ping and traceroute would show them. */
class ArticlePathTests {

	private final PathTracer tracer(Family family) {
		return new PathTracer(ArticleCluster.article(family).network());
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void crossNodeGoesThroughBothNodesAndTheGatewayLikeTheArticle(Family family) {
		Trace trace = tracer(family).trace(Flow.to("pod default/web", family.address("10.244.1.2"), 5432, Protocol.TCP));

		assertThat(trace.hops())
				.extracting(Hop::device, Hop::kind, Hop::inInterface, Hop::outInterface, Hop::route, Hop::action, Hop::ttl)
				.containsExactly(
						tuple("pod default/web", DeviceKind.POD, null, "eth0", family.text("default via 10.244.0.1"),
								HopAction.ORIGINATED, 64),
						tuple("node-1", DeviceKind.NODE, "cbr0", "eth0", family.text("default via 10.100.0.1"),
								HopAction.ROUTED, 63),
						tuple("gateway", DeviceKind.GATEWAY, "eth0", "eth0", family.text("10.244.1.0/24 via 10.100.0.3"),
								HopAction.ROUTED, 62),
						tuple("node-2", DeviceKind.NODE, "eth0", "cbr0", family.text("10.244.1.0/24 dev cbr0"),
								HopAction.ROUTED, 61),
						tuple("pod default/db", DeviceKind.POD, "eth0", null, null, HopAction.ACCEPTED, 61));
		assertThat(trace.hops().get(1).description())
				.isEqualTo(family.text("node-1 matched 'default via 10.100.0.1' and sent it out eth0 to the gateway"));
		assertThat(trace.ttl()).as("ping shows TTL 64 - 3").isEqualTo(61);
		assertThat(trace.traceroute()).as("traceroute -n")
				.containsExactly(family.address("10.244.0.1"), family.address("10.100.0.1"), family.address("10.100.0.3"),
						family.address("10.244.1.2"));
		assertThat(trace.source()).as("no NAT").isEqualTo(family.address("10.244.0.2"));
		assertThat(trace.listener()).isEqualTo("postgres");
		assertThat(trace.reached()).contains("pod default/db");
		assertThat(trace.scope()).isEqualTo(Scope.CROSS_NODE);
		assertThat(trace.explanation())
				.contains("pod default/web → node-1 → gateway → node-2 → pod default/db")
				.contains("routed 3 times, so the TTL drops from 64 to 61")
				.contains("container postgres listens on 5432/TCP")
				.contains("The source address " + family.text("10.244.0.2") + " arrives unchanged");
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void sameNodeIsSwitchedByTheBridgeAndNeverRouted(Family family) {
		Trace trace = tracer(family).trace(Flow.to("pod default/web", family.address("10.244.0.3"), 8080, Protocol.TCP));

		assertThat(trace.hops())
				.extracting(Hop::device, Hop::kind, Hop::inInterface, Hop::outInterface, Hop::route, Hop::action, Hop::address)
				.containsExactly(
						tuple("pod default/web", DeviceKind.POD, null, "eth0", family.text("10.244.0.0/24 dev eth0"),
								HopAction.ORIGINATED, family.address("10.244.0.2")),
						tuple("node-1", DeviceKind.NODE, "vethA", "vethB", null, HopAction.BRIDGED, null),
						tuple("pod default/api", DeviceKind.POD, "eth0", null, null, HopAction.ACCEPTED,
								family.address("10.244.0.3")));
		assertThat(trace.ttl()).isEqualTo(64);
		assertThat(trace.traceroute()).containsExactly(family.address("10.244.0.3"));
		assertThat(trace.source()).isEqualTo(family.address("10.244.0.2"));
		assertThat(trace.listener()).isEqualTo("api");
		assertThat(trace.hops().get(1).description()).contains("bridge cbr0").contains("vethA to vethB");
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void samePodGoesOverLoopbackToTheContainerThatListens(Family family) {
		Trace localhost = tracer(family).trace(Flow.to("pod default/api", family.address("127.0.0.1"), 9090, Protocol.UDP));
		Trace ownAddress = tracer(family).trace(Flow.to("pod default/api", family.address("10.244.0.3"), 8080, Protocol.TCP));

		assertThat(localhost.hops()).singleElement()
				.extracting(Hop::device, Hop::inInterface, Hop::outInterface, Hop::action)
				.containsExactly("pod default/api", "lo", "lo", HopAction.ACCEPTED);
		assertThat(localhost.listener()).isEqualTo("metrics");
		assertThat(localhost.source()).isEqualTo(family.address("127.0.0.1"));
		assertThat(localhost.scope()).isEqualTo(Scope.SAME_POD);
		assertThat(ownAddress.listener()).isEqualTo("api");
		assertThat(ownAddress.source()).isEqualTo(family.address("10.244.0.3"));
		assertThat(ownAddress.hops()).singleElement().extracting(Hop::inInterface).isEqualTo("lo");
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void inALoopARouterAnswersTracerouteLikeItsKernelDoes(Family family) {
		// The gateway sends 10.244.200.0/24 to node-1, whose default route sends it back: node-1 sees the
		// packet come in on eth0. IPv4's icmp_send answers from the address of the route back to the
		// sender (cbr0, 10.244.0.1); IPv6's icmp6_send from the interface it came in on (eth0).
		PathTracer tracer = new PathTracer(ArticleCluster.article(family)
				.gatewayRoute("10.244.200.0/24 via 10.100.0.2").network());
		Trace trace = tracer.trace(Flow.to("pod default/web", family.address("10.244.200.5")));

		assertThat(trace.disposition()).isEqualTo(Disposition.LOOP);
		Hop secondVisitOfNode1 = trace.hops().get(3);
		assertThat(secondVisitOfNode1.device()).isEqualTo("node-1");
		assertThat(secondVisitOfNode1.inInterface()).isEqualTo("eth0");
		assertThat(secondVisitOfNode1.address()).isEqualTo(family == Family.IPv4
				? family.address("10.244.0.1")
				: family.address("10.100.0.2"));
	}
}

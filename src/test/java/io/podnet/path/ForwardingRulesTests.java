package io.podnet.path;

import io.podnet.kubenet.Family;
import io.podnet.kubenet.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules at the edges of forwarding: who may forward, how long a packet lives, where a trace starts. */
class ForwardingRulesTests {

	@ParameterizedTest
	@EnumSource(Family.class)
	void aPodDropsAPacketThatIsNotForIt(Family family) {
		Network network = ArticleCluster.article(family)
				.gatewayRoute("10.244.200.0/24 via 10.100.0.3")
				.nodeRoute("node-2", "10.244.200.0/24 via 10.244.1.2 dev cbr0")
				.network();

		Trace trace = new PathTracer(network).trace(Flow.to("pod default/web", family.address("10.244.200.5")));

		assertThat(trace.disposition()).isEqualTo(Disposition.NO_ROUTE);
		assertThat(trace.lastHop().device()).isEqualTo("pod default/db");
		assertThat(trace.lastHop().description()).contains("pods do not forward packets");
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aPathLongerThanTheTtlEndsAsALoopWhereTheTtlRunsOut(Family family) {
		// A line of 70 routers on one link, each passing 10.9.0.0/16 to the next: no state repeats,
		// so only the TTL can stop it, at the 64th router.
		List<Device> routers = new ArrayList<>();
		for (int index = 1; index <= 70; index++) {
			String next = "10.100.0." + (index + 1);
			routers.add(Device.node("router-" + index,
					List.of(Interface.ethernet("eth0", family.address("10.100.0." + index + "/24"), "line")),
					List.of(RouteSpec.parse(family, "10.9.0.0/16 via " + next + " dev eth0"))));
		}

		Trace trace = new PathTracer(new InMemoryNetwork(routers))
				.trace(Flow.to("router-1", family.address("10.9.0.1")));

		assertThat(trace.disposition()).isEqualTo(Disposition.LOOP);
		assertThat(trace.lastHop().device()).isEqualTo("router-65");
		assertThat(trace.lastHop().description()).contains("TTL 1").contains("time exceeded");
		assertThat(trace.ttl()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aPodWithoutRoutesCannotSendAnywhereButItself(Family family) {
		Device lonely = Device.pod("pod default/lonely",
				Interface.veth("eth0", family.address("10.244.0.2/24"), "node-1 cbr0", null), List.of(), List.of());

		Trace trace = new PathTracer(InMemoryNetwork.of(lonely)).trace(Flow.to("pod default/lonely", family.address("10.244.0.3")));

		assertThat(trace.disposition()).isEqualTo(Disposition.NO_ROUTE);
		assertThat(trace.hops()).singleElement()
				.extracting(Hop::device, Hop::outInterface, Hop::route, Hop::action)
				.containsExactly("pod default/lonely", null, null, HopAction.NO_ROUTE);
		assertThat(trace.lastHop().description()).contains("Network is unreachable");
		assertThat(trace.scope()).isEqualTo(Scope.SAME_POD);
		assertThat(trace.source()).isEqualTo(family.address("10.244.0.2"));
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aBridgeWithoutKnownVethNamesShowsItselfAsBothEnds(Family family) {
		String bridge = "node-1 cbr0";
		Network network = InMemoryNetwork.of(
				Device.node("node-1", List.of(Interface.bridge("cbr0", family.address("10.244.0.1/24"), bridge)),
						List.of(RouteSpec.parse(family, "10.244.0.0/24 dev cbr0"))),
				Device.pod("pod a", Interface.veth("eth0", family.address("10.244.0.2/24"), bridge, null),
						List.of(RouteSpec.parse(family, "10.244.0.0/24 dev eth0")), List.of()),
				Device.pod("pod b", Interface.veth("eth0", family.address("10.244.0.3/24"), bridge, null), List.of(),
						List.of()));

		Trace trace = new PathTracer(network).trace(Flow.to("pod a", family.address("10.244.0.3")));

		assertThat(trace.hops().get(1))
				.extracting(Hop::device, Hop::inInterface, Hop::outInterface, Hop::action)
				.containsExactly("node-1", "cbr0", "cbr0", HopAction.BRIDGED);
		assertThat(trace.disposition()).isEqualTo(Disposition.ACCEPTED);
	}

	@Test
	void aSourceTheNetworkDoesNotHaveIsRejected() {
		PathTracer tracer = new PathTracer(ArticleCluster.article(Family.IPv4).network());

		assertThatThrownBy(() -> tracer.trace(Flow.to("pod default/nope", Family.IPv4.address("10.244.1.2"))))
				.isInstanceOf(UnknownDevice.class)
				.hasMessageContaining("pod default/nope");
	}

	@Test
	void anAddressOfTheOtherFamilyHasNoRoute() {
		PathTracer tracer = new PathTracer(ArticleCluster.article(Family.IPv4).network());

		Trace trace = tracer.trace(Flow.to("pod default/web", Family.IPv6.address("10.244.1.2")));

		assertThat(trace.disposition()).isEqualTo(Disposition.NO_ROUTE);
		assertThat(trace.lastHop().device()).isEqualTo("pod default/web");
	}

	@Test
	void aFlowWithoutProtocolIsTcpAndRejectsImpossiblePorts() {
		assertThat(new Flow("pod a", Family.IPv4.address("10.244.0.2"), 80, null).protocol()).isEqualTo(Protocol.TCP);
		assertThatThrownBy(() -> Flow.to("pod a", Family.IPv4.address("10.244.0.2"), 0, Protocol.TCP))
				.hasMessageContaining("outside 1-65535");
		assertThatThrownBy(() -> Flow.to("pod a", Family.IPv4.address("10.244.0.0/24")))
				.hasMessageContaining("a network, not one address");
	}
}

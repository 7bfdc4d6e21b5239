package io.podnet.kubenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Routes read the way {@code ip route} prints them, and refuse what a kernel would refuse. */
class RouteTests {

	static Stream<Arguments> labels() {
		return Stream.of(
				row("a connected route names its interface", "10.244.0.0/24 dev cbr0", "10.244.0.0/24 dev cbr0"),
				row("a via route names its next hop", "10.244.1.0/24 via 10.100.0.3 dev eth0", "10.244.1.0/24 via 10.100.0.3"),
				row("a default route says default", "default via 10.244.0.1 dev eth0", "default via 10.244.0.1"),
				row("a blackhole route", "blackhole 10.244.200.0/24", "blackhole 10.244.200.0/24"),
				row("an external default route", "0.0.0.0/0 external", "default external"),
				row("an external route with its interface", "10.0.0.0/8 external dev eth1", "10.0.0.0/8 external dev eth1"))
				.flatMap(rows -> rows);
	}

	private static Stream<Arguments> row(String description, String spec, String label) {
		return Stream.of(Family.values()).map(family -> Arguments.of(description, family, spec, label));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("labels")
	void printsLikeIpRoute(String description, Family family, String spec, String label) {
		assertThat(RouteSpec.parse(family, spec).label()).isEqualTo(family.text(label));
	}

	@Test
	void refusesADestinationWithHostBits() {
		assertThatThrownBy(() -> Route.connected(Family.IPv4.address("10.244.0.1/24"), "cbr0"))
				.hasMessageContaining("host bits set; did you mean 10.244.0.0/24?");
	}

	@Test
	void refusesAViaRouteWithoutNextHopOrInterface() {
		assertThatThrownBy(() -> new Route(Family.IPv4.address("10.244.1.0/24"), RouteKind.STATIC, null, "eth0", null))
				.hasMessageContaining("needs a next hop");
		assertThatThrownBy(() -> Route.via(Family.IPv4.address("10.244.1.0/24"), Family.IPv4.address("10.100.0.3"), null))
				.hasMessageContaining("needs the interface it leaves by");
	}

	@Test
	void aNodeRouteAndOnlyANodeRouteBelongsToANode() {
		assertThatThrownBy(() -> new Route(Family.IPv4.address("10.244.1.0/24"), RouteKind.NODE,
				Family.IPv4.address("10.100.0.3"), "eth0", null)).hasMessageContaining("needs its node");
		assertThatThrownBy(() -> new Route(Family.IPv4.address("10.244.1.0/24"), RouteKind.STATIC,
				Family.IPv4.address("10.100.0.3"), "eth0", "node-2")).hasMessageContaining("only a node route");
	}

	@Test
	void aViaRouteToEverythingIsTheDefaultRoute() {
		assertThat(Route.via(Family.IPv4.address("0.0.0.0/0"), Family.IPv4.address("10.100.0.1"), "eth0").kind())
				.isEqualTo(RouteKind.DEFAULT);
		assertThat(Route.via(Family.IPv4.address("10.9.0.0/16"), Family.IPv4.address("10.100.0.1"), "eth0").kind())
				.isEqualTo(RouteKind.STATIC);
	}

	@Test
	void refusesABlackholeThatSendsSomewhere() {
		assertThatThrownBy(() -> new Route(Family.IPv4.address("10.244.200.0/24"), RouteKind.BLACKHOLE, null, "eth0", null))
				.hasMessageContaining("sends nothing out of eth0");
	}
}

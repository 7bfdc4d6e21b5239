package io.podnet.kubenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Longest-prefix match: among the routes that cover an address, the one with the longest prefix wins. */
class RouteTableTests {

	private static final List<String> OVERLAPPING = List.of(
			"default via 10.100.0.1 dev eth0",
			"blackhole 10.0.0.0/8",
			"10.244.0.0/16 via 10.100.0.5 dev eth0",
			"10.244.1.0/24 via 10.100.0.3 dev eth0",
			"blackhole 10.244.1.2/32");

	static Stream<Arguments> lookups() {
		return Stream.of(
				row("a host route beats every shorter prefix", "10.244.1.2", "blackhole 10.244.1.2/32"),
				row("the node subnet /24 beats the pod network /16", "10.244.1.3", "10.244.1.0/24 via 10.100.0.3"),
				row("the pod network /16 beats 10/8", "10.244.7.1", "10.244.0.0/16 via 10.100.0.5"),
				row("10/8 beats the default route", "10.9.9.9", "blackhole 10.0.0.0/8"),
				row("the default route catches the rest", "192.168.1.1", "default via 10.100.0.1"),
				row("the first address of a block", "10.244.1.0", "10.244.1.0/24 via 10.100.0.3"),
				row("the last address of a block", "10.244.1.255", "10.244.1.0/24 via 10.100.0.3"))
				.flatMap(rows -> rows);
	}

	private static Stream<Arguments> row(String description, String destination, String expectedRoute) {
		return Stream.of(Family.values()).map(family -> Arguments.of(description, family, destination, expectedRoute));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("lookups")
	void picksTheLongestMatchingPrefix(String description, Family family, String destination, String expectedRoute) {
		RouteTable table = new RouteTable(OVERLAPPING.stream().map(spec -> RouteSpec.parse(family, spec)).toList());

		assertThat(table.longestPrefixMatch(family.address(destination)))
				.map(Route::label)
				.contains(family.text(expectedRoute));
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void matchesNothingOutsideItsRoutes(Family family) {
		RouteTable table = new RouteTable(List.of(RouteSpec.parse(family, "10.244.0.0/24 dev cbr0")));

		assertThat(table.longestPrefixMatch(family.address("10.244.1.2"))).isEmpty();
		assertThat(table.longestPrefixMatch(family == Family.IPv4 ? Family.IPv6.address("10.244.0.2")
				: Family.IPv4.address("10.244.0.2"))).as("the other family").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void refusesTwoRoutesToOneDestinationLikeTheKernel(Family family) {
		List<Route> routes = List.of(RouteSpec.parse(family, "10.244.1.0/24 via 10.100.0.3"),
				RouteSpec.parse(family, "blackhole 10.244.1.0/24"));

		assertThatThrownBy(() -> new RouteTable(routes))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("two routes to " + family.text("10.244.1.0/24"));
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aGatewayWithFiveThousandNodeRoutesStaysFast(Family family) {
		// 5,000 nodes is Kubernetes' tested maximum: one /24 per node (10.N.M.0/24), each via a node.
		List<Route> routes = new ArrayList<>();
		List<IPAddress> pods = new ArrayList<>();
		routes.add(RouteSpec.parse(family, "10.100.0.0/24 dev eth0"));
		for (int node = 0; node < 5_000; node++) {
			routes.add(RouteSpec.parse(family, subnet(node) + ".0/24 via 10.100.0.2 dev eth0"));
			pods.add(family.address(subnet(node) + ".7"));
		}
		Route[] found = new Route[pods.size()];

		// Generous bound for a cold JVM on a busy CI machine; a linear scan would need 25 million
		// prefix comparisons for these 5,000 lookups, the trie at most 32 or 128 steps each.
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			RouteTable table = new RouteTable(routes);
			for (int index = 0; index < pods.size(); index++) {
				found[index] = table.longestPrefixMatch(pods.get(index)).orElse(null);
			}
		});

		for (int index = 0; index < pods.size(); index++) {
			assertThat(found[index]).isNotNull();
			assertThat(found[index].destination().contains(pods.get(index))).as(pods.get(index).toString()).isTrue();
			assertThat(found[index].destination().getNetworkPrefixLength()).isEqualTo(family.address("10.0.0.0/24").getNetworkPrefixLength());
		}
	}

	private static String subnet(int node) {
		return "10." + (1 + node / 250) + "." + (node % 250);
	}
}

package io.podnet.kubenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each device's table from the cluster's values, as the article's node-2 and its pod db have them. */
class RouteTablesTests {

	@ParameterizedTest
	@EnumSource(Family.class)
	void nodeTwoRoutesByDefaultViaTheGatewayAndReachesItsPodsOnCbr0(Family family) {
		List<Route> table = RouteTables.node(family.address("10.100.0.1"), family.address("10.100.0.0/24"),
				family.address("10.244.1.0/24"));

		assertThat(table).extracting(Route::label).containsExactly(family.text("default via 10.100.0.1"),
				family.text("10.100.0.0/24 dev eth0"), family.text("10.244.1.0/24 dev cbr0"));
		assertThat(table).extracting(Route::kind).containsExactly(RouteKind.DEFAULT, RouteKind.CONNECTED,
				RouteKind.CONNECTED);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aPodRoutesByDefaultViaItsNodesBridgeTheSubnetsFirstAddress(Family family) {
		List<Route> table = RouteTables.pod(family.address("10.244.1.0/24"));

		assertThat(table).extracting(Route::label).containsExactly(family.text("default via 10.244.1.1"),
				family.text("10.244.1.0/24 dev eth0"));
		assertThat(table.get(0).device()).isEqualTo("eth0");
		assertThat(RouteTables.bridgeAddress(family.address("10.244.1.0/24"))).isEqualTo(family.address("10.244.1.1"));
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void theGatewayReachesTheNodeNetworkOnEth0BeforeItsStoredRoutes(Family family) {
		Route node2 = Route.toNode(family.address("10.244.1.0/24"), family.address("10.100.0.3"), "eth0", "node-2");
		List<Route> table = RouteTables.gateway(family.address("10.100.0.0/24"), List.of(node2));

		assertThat(table).extracting(Route::label).containsExactly(family.text("10.100.0.0/24 dev eth0"),
				family.text("10.244.1.0/24 via 10.100.0.3"));
		assertThat(table.get(1).node()).isEqualTo("node-2");
	}
}

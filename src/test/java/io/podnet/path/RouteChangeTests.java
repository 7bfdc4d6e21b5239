package io.podnet.path;

import io.podnet.kubenet.Family;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The answer comes from the route tables, not from where the pods are: the same question, web to
 * db on 5432/TCP, gets another answer after each change.
 */
class RouteChangeTests {

	private static Stream<Arguments> change(String description, UnaryOperator<ArticleCluster> change,
			Disposition disposition, String stopsAt) {
		return Stream.of(Family.values()).map(family -> Arguments.of(description, family, change, disposition, stopsAt));
	}

	static Stream<Arguments> changes() {
		return Stream.of(
				change("as built", cluster -> cluster, Disposition.ACCEPTED, "pod default/db"),
				change("node-2's gateway route removed", cluster -> cluster.withoutGatewayRouteTo("node-2"),
						Disposition.NO_ROUTE, "gateway"),
				change("node-2's gateway route removed, an external default route added",
						cluster -> cluster.withoutGatewayRouteTo("node-2").gatewayRoute("0.0.0.0/0 external"),
						Disposition.EXITS_NETWORK, "gateway"),
				change("a longer route on the gateway blackholes db", cluster -> cluster.gatewayRoute("blackhole 10.244.1.2/32"),
						Disposition.NULL_ROUTED, "gateway"),
				change("a longer route on the gateway sends db's address to node-1",
						cluster -> cluster.gatewayRoute("10.244.1.2/32 via 10.100.0.2"), Disposition.LOOP, "gateway"),
				change("a longer route on the gateway looks for db on the node network",
						cluster -> cluster.gatewayRoute("10.244.1.2/32 dev eth0"), Disposition.NEIGHBOR_UNREACHABLE, "gateway"),
				change("node-1 blackholes node-2's subnet", cluster -> cluster.nodeRoute("node-1", "blackhole 10.244.1.0/24"),
						Disposition.NULL_ROUTED, "node-1"),
				change("node-1 sends node-2's subnet straight to node-2, skipping the gateway",
						cluster -> cluster.nodeRoute("node-1", "10.244.1.0/24 via 10.100.0.3 dev eth0"),
						Disposition.ACCEPTED, "pod default/db"))
				.flatMap(rows -> rows);
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("changes")
	void aRouteChangeChangesTheAnswer(String description, Family family, UnaryOperator<ArticleCluster> change,
			Disposition disposition, String stopsAt) {
		Network network = change.apply(ArticleCluster.article(family)).network();

		Trace trace = new PathTracer(network)
				.trace(Flow.to("pod default/web", family.address("10.244.1.2"), 5432, Protocol.TCP));

		assertThat(trace.disposition()).as(trace.explanation()).isEqualTo(disposition);
		assertThat(trace.lastHop().device()).isEqualTo(stopsAt);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aDirectNodeRouteSkipsTheGatewayAndSavesOneTtl(Family family) {
		Network network = ArticleCluster.article(family).nodeRoute("node-1", "10.244.1.0/24 via 10.100.0.3 dev eth0").network();

		Trace trace = new PathTracer(network).trace(Flow.to("pod default/web", family.address("10.244.1.2")));

		assertThat(trace.hops()).extracting(Hop::device)
				.containsExactly("pod default/web", "node-1", "node-2", "pod default/db");
		assertThat(trace.ttl()).isEqualTo(62);
	}
}

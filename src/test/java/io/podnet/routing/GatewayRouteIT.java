package io.podnet.routing;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's route table (the node network, connected, plus "podSubnet via node" per node, in
 * step with the nodes) and each node's own table.
 */
class GatewayRouteIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";

	@Test
	void newClusterGatewayHasOnlyTheConnectedNodeNetwork() {
		cluster("10.100.0.0/24", "10.244.0.0/16");

		Reply routes = api.get(DEMO + "/routes");

		assertThat(routes.status()).isEqualTo(200);
		assertThat(routes(routes)).containsExactly("10.100.0.0/24 dev eth0 CONNECTED");
	}

	@Test
	void gatewayHasOneNodeRoutePerNodeInAddressOrder() {
		cluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-0','address':'10.100.0.9','podSubnet':'10.244.9.0/24'}"));

		assertThat(routes(api.get(DEMO + "/routes"))).containsExactly(
				"10.100.0.0/24 dev eth0 CONNECTED",
				"10.244.0.0/24 via 10.100.0.2 dev eth0 node node-1 NODE",
				"10.244.1.0/24 via 10.100.0.3 dev eth0 node node-2 NODE",
				"10.244.9.0/24 via 10.100.0.9 dev eth0 node node-0 NODE");
	}

	@Test
	void deletingANodeRemovesItsRouteAndOnlyIts() {
		cluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-3'}"));

		api.delete(DEMO + "/nodes/node-2");

		assertThat(routes(api.get(DEMO + "/routes"))).containsExactly(
				"10.100.0.0/24 dev eth0 CONNECTED",
				"10.244.0.0/24 via 10.100.0.2 dev eth0 node node-1 NODE",
				"10.244.2.0/24 via 10.100.0.4 dev eth0 node node-3 NODE");
	}

	@Test
	void routesStayInStepWithNodesThroughCreatesAndDeletes() {
		cluster("10.100.0.0/24", "10.244.0.0/22");
		for (String step : List.of("+a", "+b", "+c", "-b", "+d", "-a", "+e", "-c", "+f", "-d", "-e")) {
			String name = step.substring(1);
			Reply reply = step.startsWith("+") ? api.post(DEMO + "/nodes", json("{'name':'" + name + "'}"))
					: api.delete(DEMO + "/nodes/" + name);
			assertThat(reply.status()).as(step + ": " + reply).isIn(201, 204);

			List<String> fromNodes = new ArrayList<>();
			api.get(DEMO + "/nodes").json().path("items").forEach(node -> fromNodes.add(node.path("podSubnet").asString()
					+ " via " + node.path("address").asString() + " dev eth0 node " + node.path("name").asString() + " NODE"));
			List<String> table = routes(api.get(DEMO + "/routes"));
			assertThat(table.get(0)).isEqualTo("10.100.0.0/24 dev eth0 CONNECTED");
			assertThat(table.subList(1, table.size())).as("after " + step).containsExactlyInAnyOrderElementsOf(fromNodes);
		}
	}

	@Test
	void refusedNodeAddsNoRoute() {
		cluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		String before = api.get(DEMO + "/routes").body();

		assertThat(api.post(DEMO + "/nodes", json("{'name':'node-2','podSubnet':'10.244.0.0/24'}")).status()).isEqualTo(409);
		assertThat(api.post(DEMO + "/nodes", json("{'name':'node-1'}")).status()).isEqualTo(409);

		assertThat(api.get(DEMO + "/routes").body()).isEqualTo(before);
	}

	@Test
	void nodeRouteTableHasDefaultNodeNetworkAndPodSubnet() {
		cluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));

		Reply table = api.get(DEMO + "/nodes/node-2/routes");

		assertThat(table.status()).isEqualTo(200);
		assertThat(routes(table)).containsExactly(
				"0.0.0.0/0 via 10.100.0.1 dev eth0 DEFAULT",
				"10.100.0.0/24 dev eth0 CONNECTED",
				"10.244.1.0/24 dev cbr0 CONNECTED");
	}

	@Test
	void nodeRouteTableUsesAGivenGateway() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16',"
				+ "'gateway':'10.100.0.254'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));

		assertThat(routes(api.get(DEMO + "/nodes/node-1/routes")).get(0)).isEqualTo("0.0.0.0/0 via 10.100.0.254 dev eth0 DEFAULT");
		assertThat(routes(api.get(DEMO + "/nodes/node-1/routes")).get(2)).isEqualTo("10.244.0.0/24 dev cbr0 CONNECTED");
		assertThat(api.get(DEMO + "/nodes/node-1").text("address")).as("gateway elsewhere: .1 is a node's").isEqualTo("10.100.0.1");
	}

	@Test
	void ipv6TablesUseTheIpv6DefaultRoute() {
		cluster("fd00:10:100::/64", "fd00:10:244::/56");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));

		assertThat(routes(api.get(DEMO + "/nodes/node-1/routes"))).containsExactly(
				"::/0 via fd00:10:100::1 dev eth0 DEFAULT",
				"fd00:10:100::/64 dev eth0 CONNECTED",
				"fd00:10:244::/64 dev cbr0 CONNECTED");
		assertThat(routes(api.get(DEMO + "/routes"))).containsExactly(
				"fd00:10:100::/64 dev eth0 CONNECTED",
				"fd00:10:244::/64 via fd00:10:100::2 dev eth0 node node-1 NODE");
	}

	@Test
	void routesOfAnUnknownClusterOrNodeAreNotFound() {
		cluster("10.100.0.0/24", "10.244.0.0/16");

		Reply noCluster = api.get("/api/v1/clusters/nope/routes");
		Reply noNode = api.get(DEMO + "/nodes/nope/routes");

		assertThat(noCluster.status()).isEqualTo(404);
		assertThat(noCluster.isProblem()).isTrue();
		assertThat(noCluster.text("detail")).contains("cluster 'nope'");
		assertThat(noNode.status()).isEqualTo(404);
		assertThat(noNode.isProblem()).isTrue();
		assertThat(noNode.text("detail")).contains("node 'nope'");
		assertThat(api.get("/api/v1/clusters/nope/nodes/node-1/routes").status()).isEqualTo(404);
	}

	@Test
	void routesInsideSpecialRangesAreRefusedButSupernetsOfThemAreNot() {
		cluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		String before = api.get(DEMO + "/routes").body();

		assertRefused("{'destination':'127.0.0.0/16','type':'BLACKHOLE'}", "destination", "the loopback range 127.0.0.0/8");
		assertRefused("{'destination':'224.0.0.0/16','type':'BLACKHOLE'}", "destination", "the multicast range 224.0.0.0/4");
		assertRefused("{'destination':'169.254.169.254/32','type':'BLACKHOLE'}", "destination", "link-local");
		assertRefused("{'destination':'255.255.255.255/32','type':'EXTERNAL'}", "destination", "limited broadcast");
		assertThat(api.get(DEMO + "/routes").body()).as("nothing added").isEqualTo(before);

		for (String supernet : List.of("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1")) {
			Reply added = api.post(DEMO + "/routes", json("{'destination':'" + supernet + "','type':'EXTERNAL'}"));
			assertThat(added.status()).as(supernet + ": " + added).isEqualTo(201);
		}
	}

	@Test
	void ipv6RoutesInsideSpecialRangesAreRefused() {
		cluster("fd00:10:100::/64", "fd00:10:244::/56");

		assertRefused("{'destination':'::ffff:10.50.0.0/112','type':'BLACKHOLE'}", "destination",
				"the IPv4-mapped range ::ffff:0:0/96");
		assertRefused("{'destination':'fe80::/64','type':'BLACKHOLE'}", "destination", "link-local");
		assertRefused("{'destination':'ff02::/16','type':'BLACKHOLE'}", "destination", "multicast");
		assertRefused("{'destination':'2001:db8::/32','nextHop':'::ffff:10.100.0.2'}", "nextHop", "IPv4-mapped");
		Reply defaultRoute = api.post(DEMO + "/routes", json("{'destination':'::/0','type':'EXTERNAL'}"));
		assertThat(defaultRoute.status()).as(defaultRoute.toString()).isEqualTo(201);
	}

	private void assertRefused(String route, String field, String detail) {
		Reply refused = api.post(DEMO + "/routes", json(route));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("field")).isEqualTo(field);
		assertThat(refused.text("detail")).startsWith(field + ": ").contains(detail);
	}

	private void cluster(String nodeNetwork, String podNetwork) {
		Reply created = api.post("/api/v1/clusters",
				json("{'name':'demo','nodeNetwork':'" + nodeNetwork + "','podNetwork':'" + podNetwork + "'}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	/** A table as `ip route` would print it, one line per route. */
	private static List<String> routes(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		List<String> lines = new ArrayList<>();
		for (JsonNode route : reply.json()) {
			StringBuilder line = new StringBuilder(route.path("destination").asString());
			if (route.hasNonNull("nextHop")) {
				line.append(" via ").append(route.path("nextHop").asString());
			}
			line.append(" dev ").append(route.path("device").asString());
			if (route.hasNonNull("node")) {
				line.append(" node ").append(route.path("node").asString());
			}
			line.append(' ').append(route.path("type").asString());
			lines.add(line.toString());
		}
		return lines;
	}
}

package io.podnet.paths;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The path resolver over HTTP, on the cluster as stored: every scope and disposition, both families. */
class PathApiIT extends IntegrationTest {

	/** The article's cluster: web and api on node-1, db on node-2, in the given family. */
	private void articleCluster(String nodeNetwork, String podNetwork) {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'" + nodeNetwork + "','podNetwork':'" + podNetwork
				+ "'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}"));
		pod("web", "node-1", "{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80}]},"
				+ "{'name':'scrapyd','image':'scrapy/scrapyd','ports':[{'containerPort':6800}]}");
		pod("api", "node-1", "{'name':'api','image':'api','ports':[{'containerPort':8080}]}");
		pod("db", "node-2", "{'name':'postgres','image':'postgres:17','ports':[{'containerPort':5432}]}");
	}

	private void ipv4() {
		articleCluster("10.100.0.0/24", "10.244.0.0/16");
	}

	private void pod(String name, String node, String containers) {
		Reply pod = api.post("/api/v1/clusters/demo/namespaces/default/pods",
				json("{'name':'" + name + "','nodeName':'" + node + "','containers':[" + containers + "]}"));
		assertThat(pod.status()).as(pod.toString()).isEqualTo(201);
	}

	private JsonNode path(String query) {
		Reply reply = api.get("/api/v1/clusters/demo/paths?" + query);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private static List<String> column(JsonNode path, String field) {
		List<String> values = new ArrayList<>();
		path.path("hops").forEach(hop -> values.add(hop.path(field).isMissingNode() ? null : hop.path(field).asString()));
		return values;
	}

	@Test
	void crossNodePathGoesPodNodeGatewayNodePodAndArrivesWithTtl61() {
		ipv4();
		JsonNode path = path("from=default/web&to=default/db&port=5432&protocol=TCP");

		assertThat(path.path("disposition").asString()).isEqualTo("ACCEPTED");
		assertThat(path.path("scope").asString()).isEqualTo("CROSS_NODE");
		assertThat(path.path("ttl").asInt()).isEqualTo(61);
		assertThat(column(path, "kind")).containsExactly("POD", "NODE", "GATEWAY", "NODE", "POD");
		assertThat(column(path, "action")).containsExactly("ORIGINATED", "ROUTED", "ROUTED", "ROUTED", "ACCEPTED");
		assertThat(column(path, "route")).containsExactly("default via 10.244.0.1", "default via 10.100.0.1",
				"10.244.1.0/24 via 10.100.0.3", "10.244.1.0/24 dev cbr0", null);
		// what traceroute -n prints on a real kernel
		assertThat(column(path, "address")).containsExactly("10.244.0.2", "10.244.0.1", "10.100.0.1", "10.100.0.3",
				"10.244.1.2");
		assertThat(path.path("source").path("address").asString()).isEqualTo("10.244.0.2");
		assertThat(path.path("destination").path("pod").asString()).isEqualTo("default/db");
		assertThat(path.path("destination").path("container").asString()).isEqualTo("postgres");
		assertThat(path.path("explanation").asString()).contains("unchanged");
	}

	@Test
	void twoPodsOnOneNodeAreBridgedAndNeverLeaveTheNode() {
		ipv4();
		JsonNode path = path("from=default/web&to=default/api&port=8080");
		assertThat(path.path("disposition").asString()).isEqualTo("ACCEPTED");
		assertThat(path.path("scope").asString()).isEqualTo("SAME_NODE");
		assertThat(path.path("ttl").asInt()).isEqualTo(64);
		assertThat(column(path, "kind")).containsExactly("POD", "NODE", "POD");
		assertThat(column(path, "action")).containsExactly("ORIGINATED", "BRIDGED", "ACCEPTED");
	}

	@Test
	void containersOfOnePodReachEachOtherOnLocalhost() {
		ipv4();
		JsonNode path = path("from=default/web&to=localhost&port=6800");
		assertThat(path.path("disposition").asString()).isEqualTo("ACCEPTED");
		assertThat(path.path("scope").asString()).isEqualTo("SAME_POD");
		assertThat(path.path("hops")).hasSize(1);
		assertThat(path.path("hops").get(0).path("inInterface").asString()).isEqualTo("lo");
		assertThat(path.path("destination").path("container").asString()).isEqualTo("scrapyd");
		assertThat(path("from=default/web&to=default/web&port=80").path("destination").path("container").asString())
				.isEqualTo("nginx");
		assertThat(path("from=default/web&to=10.244.0.2").path("scope").asString()).isEqualTo("SAME_POD");
	}

	@Test
	void aPortNoContainerDeclaresIsRefusedAtThePod() {
		ipv4();
		JsonNode path = path("from=default/web&to=default/db&port=5433");
		assertThat(path.path("disposition").asString()).isEqualTo("REFUSED");
		assertThat(column(path, "device").get(4)).isEqualTo("pod default/db");
		assertThat(path("from=default/web&to=default/db&port=5432&protocol=UDP").path("disposition").asString())
				.isEqualTo("REFUSED");
	}

	@Test
	void anUnassignedPodIpIsNeighborUnreachableAtItsNode() {
		ipv4();
		JsonNode path = path("from=default/web&to=10.244.1.99");
		assertThat(path.path("disposition").asString()).isEqualTo("NEIGHBOR_UNREACHABLE");
		JsonNode last = path.path("hops").get(path.path("hops").size() - 1);
		assertThat(last.path("device").asString()).isEqualTo("node-2");
		assertThat(last.path("description").asString()).contains("10.244.1.99");
	}

	@Test
	void anAddressNoRouteCoversIsNoRouteAtTheGateway() {
		ipv4();
		JsonNode path = path("from=default/web&to=192.0.2.7");
		assertThat(path.path("disposition").asString()).isEqualTo("NO_ROUTE");
		assertThat(column(path, "device")).last().isEqualTo("gateway");
	}

	@Test
	void userRoutesChangeTheAnswer() {
		ipv4();
		assertThat(path("from=default/web&to=192.0.2.7").path("disposition").asString()).isEqualTo("NO_ROUTE");

		api.post("/api/v1/clusters/demo/routes", json("{'destination':'0.0.0.0/0','type':'EXTERNAL'}"));
		JsonNode external = path("from=default/web&to=192.0.2.7");
		assertThat(external.path("disposition").asString()).isEqualTo("EXITS_NETWORK");
		assertThat(external.path("scope").asString()).isEqualTo("EXTERNAL");

		api.post("/api/v1/clusters/demo/routes", json("{'destination':'192.0.2.0/24','type':'BLACKHOLE'}"));
		JsonNode blackholed = path("from=default/web&to=192.0.2.7");
		assertThat(blackholed.path("disposition").asString()).isEqualTo("NULL_ROUTED");
		assertThat(column(blackholed, "route")).last().asString().contains("blackhole 192.0.2.0/24");

		assertThat(api.delete("/api/v1/clusters/demo/routes/192.0.2.0%2F24").status()).isEqualTo(204);
		assertThat(path("from=default/web&to=192.0.2.7").path("disposition").asString()).isEqualTo("EXITS_NETWORK");
	}

	@Test
	void aUserRouteToANodeThatDoesNotOwnTheDestinationLoops() {
		ipv4();
		api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.244.200.0/24','nextHop':'10.100.0.2'}"));
		JsonNode path = path("from=default/db&to=10.244.200.5");
		assertThat(path.path("disposition").asString()).isEqualTo("LOOP");
		assertThat(column(path, "device")).contains("gateway", "node-1");
		assertThat(path.path("explanation").asString()).containsIgnoringCase("loop").isNotBlank();
	}

	@Test
	void aStaticRouteToANodeThatOwnsNothingThereIsNeighborUnreachableWhenTheNextHopIsNoNode() {
		ipv4();
		api.post("/api/v1/clusters/demo/routes", json("{'destination':'172.16.0.0/16','nextHop':'10.100.0.77'}"));
		JsonNode path = path("from=default/web&to=172.16.0.1");
		assertThat(path.path("disposition").asString()).isEqualTo("NEIGHBOR_UNREACHABLE");
		assertThat(column(path, "device")).last().isEqualTo("gateway");
	}

	@Test
	void ipv6ClustersAreTracedTheSameWay() {
		articleCluster("fd00:10:100::/64", "fd00:10:244::/56");
		JsonNode path = path("from=default/web&to=default/db&port=5432");
		assertThat(path.path("disposition").asString()).isEqualTo("ACCEPTED");
		assertThat(path.path("ttl").asInt()).isEqualTo(61);
		assertThat(column(path, "kind")).containsExactly("POD", "NODE", "GATEWAY", "NODE", "POD");
		assertThat(column(path, "address")).containsExactly("fd00:10:244::2", "fd00:10:244::1", "fd00:10:100::1",
				"fd00:10:100::3", "fd00:10:244:1::2");
		assertThat(path("from=default/web&to=localhost&port=80").path("destination").path("address").asString())
				.isEqualTo("::1");
		assertThat(path("from=default/web&to=fd00:10:244:1::99").path("disposition").asString())
				.isEqualTo("NEIGHBOR_UNREACHABLE");
	}

	@Test
	void destinationsInSpecialRangesAreRefusedButLoopbackIsThePodItself() {
		ipv4();
		assertProblem("from=default/web&to=224.0.0.1", 422, "the multicast range 224.0.0.0/4");
		assertProblem("from=default/web&to=169.254.169.254", 422, "link-local");
		assertProblem("from=default/web&to=0.0.0.0", 422, "this network");
		assertProblem("from=default/web&to=255.255.255.255", 422, "limited broadcast");
		JsonNode loopback = path("from=default/web&to=127.0.0.1&port=80");
		assertThat(loopback.path("scope").asString()).isEqualTo("SAME_POD");
		assertThat(loopback.path("destination").path("pod").asString()).isEqualTo("default/web");
	}

	@Test
	void ipv4MappedDestinationsAreRefusedInIpv6Clusters() {
		articleCluster("fd00:10:100::/64", "fd00:10:244::/56");
		assertProblem("from=default/web&to=::ffff:10.244.0.2", 422, "IPv4-mapped");
		assertProblem("from=default/web&to=ff02::1", 422, "multicast");
		assertThat(path("from=default/web&to=::1&port=80").path("scope").asString()).isEqualTo("SAME_POD");
	}

	@Test
	void aClusterThatGetsTheIdOfAnEarlierOneIsTracedAsItIsNow() {
		ipv4();
		assertThat(path("from=default/web&to=default/db&port=5432").path("disposition").asString()).isEqualTo("ACCEPTED");
		long id = jdbc.queryForObject("SELECT id FROM cluster WHERE name = 'demo'", Long.class);
		// as a restored or recreated database does: the same id handed out again, to another cluster
		for (String table : new String[] { "pod", "gateway_route", "node_pods", "node", "cluster" }) {
			jdbc.update("DELETE FROM " + table);
		}
		jdbc.update("ALTER TABLE cluster ALTER COLUMN id RESTART WITH " + id);
		articleCluster("10.100.0.0/24", "10.200.0.0/16");
		assertThat(jdbc.queryForObject("SELECT id FROM cluster WHERE name = 'demo'", Long.class)).isEqualTo(id);
		JsonNode traced = path("from=default/web&to=default/db&port=5432");
		assertThat(traced.path("disposition").asString()).as(traced.toString()).isEqualTo("ACCEPTED");
		assertThat(traced.path("destination").path("address").asString()).startsWith("10.200.");
	}

	@Test
	void badParametersAre4xxProblemsThatSayWhatWasExpected() {
		ipv4();
		assertProblem("from=web&to=default/db", 422, "namespace/name");
		assertProblem("from=default/web&to=not-an-address", 422, "localhost");
		assertProblem("from=default/web&to=fd00::1", 422, "IPv6");
		assertProblem("from=default/web&to=default/db&port=0", 422, "1 to 65535");
		assertProblem("from=default/web&to=default/db&port=70000", 422, "1 to 65535");
		assertProblem("from=default/web&to=default/db&port=http", 400, "port");
		assertProblem("from=default/web&to=default/db&protocol=ICMP", 422, "TCP, UDP or SCTP");
		assertProblem("from=default/web", 400, "to");
		assertProblem("from=default/nope&to=default/db", 404, "default/nope");
		assertProblem("from=default/web&to=default/nope", 404, "default/nope");
		assertThat(api.get("/api/v1/clusters/nope/paths?from=default/web&to=default/db").status()).isEqualTo(404);
	}

	private void assertProblem(String query, int status, String mentions) {
		Reply reply = api.get("/api/v1/clusters/demo/paths?" + query);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.json().path("detail").asString()).contains(mentions);
	}
}

package io.podnet.dualstack;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Dual-stack clusters over HTTP, as Kubernetes has them: a pod network, node network and gateway
 * per family; every node a subnet and an address per family (spec.podCIDRs); every pod an address
 * per family (status.podIPs); the gateway a route per node per family; paths in either family.
 */
class DualStackApiIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";
	private static final String DUAL = "{'name':'demo','podNetworks':['10.244.0.0/16','fd00:10:244::/56'],"
			+ "'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64']}";

	@Test
	void aDualStackClusterAnswersBothFormsWithEachFamilysDefaults() {
		Reply created = api.post("/api/v1/clusters", json(DUAL));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode cluster = created.json();
		assertThat(texts(cluster.path("ipFamilies"))).containsExactly("IPv4", "IPv6");
		assertThat(texts(cluster.path("podNetworks"))).containsExactly("10.244.0.0/16", "fd00:10:244::/56");
		assertThat(texts(cluster.path("nodeNetworks"))).containsExactly("10.100.0.0/24", "fd00:10:100::/64");
		assertThat(texts(cluster.path("gateways"))).containsExactly("10.100.0.1", "fd00:10:100::1");
		assertThat(texts(cluster.path("nodeSubnetPrefixLengths"))).containsExactly("24", "64");
		// the single-stack fields describe the primary family
		assertThat(created.text("ipFamily")).isEqualTo("IPv4");
		assertThat(created.text("podNetwork")).isEqualTo("10.244.0.0/16");
		assertThat(created.text("gateway")).isEqualTo("10.100.0.1");
		// 256 IPv4 /24s and 256 IPv6 /64s in a /56: the smaller bounds the nodes
		assertThat(cluster.path("nodeSubnets").path("total").asInt()).isEqualTo(256);
		assertThat(api.get(DEMO).json()).isEqualTo(cluster);
	}

	@Test
	void anIpv6PrimaryClusterWithItsOwnGatewaysAndPrefixes() {
		Reply created = api.post("/api/v1/clusters", json("{'name':'demo','podNetwork':'fd00:10:244::/56',"
				+ "'podNetworks':['fd00:10:244::/56','10.244.0.0/16'],'nodeNetworks':['fd00:10:100::/64','10.100.0.0/24'],"
				+ "'gateways':['fd00:10:100::fe','10.100.0.254'],'nodeSubnetPrefixLengths':[120,26]}"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(texts(created.json().path("ipFamilies"))).containsExactly("IPv6", "IPv4");
		assertThat(created.text("gateway")).isEqualTo("fd00:10:100::fe");
		assertThat(texts(created.json().path("gateways"))).containsExactly("fd00:10:100::fe", "10.100.0.254");
		Reply node = node("node-1");
		assertThat(texts(node.json().path("podSubnets"))).containsExactly("fd00:10:244::/120", "10.244.0.0/26");
		// 61 IPv4 addresses (.2 to .62) bound the node's pods below the IPv6 /120's 254 and maxPods 110
		assertThat(node.json().path("pods").path("capacity").asInt()).isEqualTo(61);
	}

	@Test
	void aSingleStackClusterShowsListsOfOne() {
		Reply created = api.post("/api/v1/clusters",
				json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));

		assertThat(texts(created.json().path("ipFamilies"))).containsExactly("IPv4");
		assertThat(texts(created.json().path("podNetworks"))).containsExactly("10.244.0.0/16");
		Reply node = node("node-1");
		assertThat(texts(node.json().path("podSubnets"))).containsExactly("10.244.0.0/24");
		assertThat(texts(node.json().path("addresses"))).containsExactly("10.100.0.2");
	}

	@Test
	void nodesGetASubnetAndAnAddressPerFamilyNextFitAndTheGatewayARoutePerFamily() {
		api.post("/api/v1/clusters", json(DUAL));

		List<String> assigned = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			Reply node = node("node-" + i);
			assertThat(node.status()).as(node.toString()).isEqualTo(201);
			assigned.add(String.join(" ", texts(node.json().path("addresses"))) + " "
					+ String.join(" ", texts(node.json().path("podSubnets"))) + " "
					+ String.join(" ", texts(node.json().path("bridge").path("addresses"))));
		}

		assertThat(assigned).containsExactly(
				"10.100.0.2 fd00:10:100::2 10.244.0.0/24 fd00:10:244::/64 10.244.0.1 fd00:10:244::1",
				"10.100.0.3 fd00:10:100::3 10.244.1.0/24 fd00:10:244:1::/64 10.244.1.1 fd00:10:244:1::1",
				"10.100.0.4 fd00:10:100::4 10.244.2.0/24 fd00:10:244:2::/64 10.244.2.1 fd00:10:244:2::1");
		assertThat(routes(DEMO + "/routes")).containsExactly(
				"10.100.0.0/24 CONNECTED dev=eth0",
				"fd00:10:100::/64 CONNECTED dev=eth0",
				"10.244.0.0/24 NODE via=10.100.0.2",
				"10.244.1.0/24 NODE via=10.100.0.3",
				"10.244.2.0/24 NODE via=10.100.0.4",
				"fd00:10:244::/64 NODE via=fd00:10:100::2",
				"fd00:10:244:1::/64 NODE via=fd00:10:100::3",
				"fd00:10:244:2::/64 NODE via=fd00:10:100::4");
		assertThat(routes(DEMO + "/nodes/node-2/routes")).contains(
				"0.0.0.0/0 DEFAULT via=10.100.0.1", "::/0 DEFAULT via=fd00:10:100::1",
				"10.244.1.0/24 CONNECTED dev=cbr0", "fd00:10:244:1::/64 CONNECTED dev=cbr0");

		assertThat(api.delete(DEMO + "/nodes/node-2").status()).isEqualTo(204);
		assertThat(routes(DEMO + "/routes")).noneMatch(route -> route.contains(":1::/64") || route.contains("10.244.1.0"));
	}

	@Test
	void aNodeMayAskForEitherFamilyOrBoth() {
		api.post("/api/v1/clusters", json(DUAL));

		Reply v6Only = api.post(DEMO + "/nodes", json("{'name':'node-1','podSubnets':['fd00:10:244:7::/64']}"));
		Reply both = api.post(DEMO + "/nodes", json("{'name':'node-2','podSubnets':['fd00:10:244:9::/64','10.244.9.0/24'],"
				+ "'addresses':['fd00:10:100::99'],'address':'10.100.0.99'}"));

		assertThat(v6Only.status()).as(v6Only.toString()).isEqualTo(201);
		assertThat(texts(v6Only.json().path("podSubnets"))).containsExactly("10.244.0.0/24", "fd00:10:244:7::/64");
		assertThat(both.status()).as(both.toString()).isEqualTo(201);
		assertThat(texts(both.json().path("podSubnets"))).containsExactly("10.244.9.0/24", "fd00:10:244:9::/64");
		assertThat(texts(both.json().path("addresses"))).containsExactly("10.100.0.99", "fd00:10:100::99");
		Reply taken = api.post(DEMO + "/nodes", json("{'name':'node-3','podSubnets':['fd00:10:244:7::/64']}"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.text("detail")).contains("podSubnets[0]", "node-1");
	}

	@Test
	void podsGetAnAddressPerFamilyAndRoutesInBoth() {
		api.post("/api/v1/clusters", json(DUAL));
		node("node-1");

		Reply web = pod("web");
		Reply db = pod("db");

		assertThat(web.status()).as(web.toString()).isEqualTo(201);
		assertThat(texts(web.json().path("ips"))).containsExactly("10.244.0.2", "fd00:10:244::2");
		assertThat(web.text("ip")).isEqualTo("10.244.0.2");
		assertThat(texts(web.json().path("network").path("gateways"))).containsExactly("10.244.0.1", "fd00:10:244::1");
		assertThat(texts(db.json().path("ips"))).containsExactly("10.244.0.3", "fd00:10:244::3");
		assertThat(api.get(web.location()).json()).isEqualTo(web.json());
		assertThat(routes(DEMO + "/namespaces/default/pods/web/routes")).containsExactly(
				"0.0.0.0/0 DEFAULT via=10.244.0.1", "10.244.0.0/24 CONNECTED dev=eth0",
				"::/0 DEFAULT via=fd00:10:244::1", "fd00:10:244::/64 CONNECTED dev=eth0");
		JsonNode node = api.get(DEMO + "/nodes/node-1").json();
		assertThat(node.path("pods").path("allocated").asInt()).isEqualTo(2);
	}

	@Test
	void pathsRunInTheFamilyAskedForAndNeverChangeFamily() {
		api.post("/api/v1/clusters", json(DUAL));
		node("node-1");
		node("node-2");
		pod("web", "node-1");
		pod("db", "node-2");

		Reply v4 = api.get(DEMO + "/paths?from=default/web&to=default/db");
		Reply v6 = api.get(DEMO + "/paths?from=default/web&to=default/db&family=IPv6");
		Reply byAddress = api.get(DEMO + "/paths?from=default/web&to=fd00:10:244:1::2");
		Reply local6 = api.get(DEMO + "/paths?from=default/web&to=localhost&family=IPv6");

		assertThat(v4.text("disposition")).as(v4.toString()).isEqualTo("ACCEPTED");
		assertThat(v4.text("destination", "address")).isEqualTo("10.244.1.2");
		assertThat(v6.text("disposition")).as(v6.toString()).isEqualTo("ACCEPTED");
		assertThat(v6.text("source", "address")).isEqualTo("fd00:10:244::2");
		assertThat(v6.text("destination", "address")).isEqualTo("fd00:10:244:1::2");
		assertThat(v6.text("destination", "pod")).isEqualTo("default/db");
		assertThat(hopAddresses(v6)).allMatch(address -> address.isEmpty() || address.contains(":"));
		assertThat(hopRoutes(v6)).anyMatch(route -> route.startsWith("fd00:10:244:1::/64 via fd00:10:100::3"));
		assertThat(byAddress.json().path("hops")).isEqualTo(v6.json().path("hops"));
		assertThat(local6.text("destination", "address")).isEqualTo("::1");

		Reply mixed = api.get(DEMO + "/paths?from=default/web&to=10.244.1.2&family=IPv6");
		assertThat(mixed.status()).isEqualTo(422);
		assertThat(mixed.text("detail")).contains("family", "IPv4");
		Reply unknown = api.get(DEMO + "/paths?from=default/web&to=default/db&family=IPv5");
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.text("detail")).contains("IPv4 or IPv6");
	}

	@Test
	void aSingleStackClusterRefusesTheOtherFamily() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		node("node-1");
		pod("web");

		Reply path = api.get(DEMO + "/paths?from=default/web&to=default/web&family=IPv6");
		assertThat(path.status()).isEqualTo(422);
		assertThat(path.text("detail")).contains("not a family of the cluster");
		Reply node = api.post(DEMO + "/nodes", json("{'name':'node-2','podSubnets':['fd00:10:244::/64']}"));
		assertThat(node.status()).isEqualTo(422);
		assertThat(node.text("detail")).contains("podSubnets[0]", "IPv6");
	}

	@Test
	void userRoutesInEitherFamilyAndADefaultRouteInEach() {
		api.post("/api/v1/clusters", json(DUAL));
		node("node-1");
		pod("web");

		assertThat(api.post(DEMO + "/routes", json("{'destination':'0.0.0.0/0','type':'EXTERNAL'}")).status()).isEqualTo(201);
		Reply v6 = api.post(DEMO + "/routes", json("{'destination':'::/0','type':'EXTERNAL'}"));
		assertThat(v6.status()).as(v6.toString()).isEqualTo(201);
		Reply hole = api.post(DEMO + "/routes", json("{'destination':'2001:db8::/32','type':'BLACKHOLE'}"));
		assertThat(hole.status()).as(hole.toString()).isEqualTo(201);
		Reply via = api.post(DEMO + "/routes", json("{'destination':'2001:db9::/32','nextHop':'10.100.0.2'}"));
		assertThat(via.status()).isEqualTo(422);
		assertThat(via.text("detail")).contains("nextHop");

		assertThat(api.get(DEMO + "/paths?from=default/web&to=2001:db8::1").text("disposition")).isEqualTo("NULL_ROUTED");
		assertThat(api.get(DEMO + "/paths?from=default/web&to=2001:db7::1").text("disposition")).isEqualTo("EXITS_NETWORK");
		assertThat(api.get(DEMO + "/paths?from=default/web&to=192.0.2.1").text("disposition")).isEqualTo("EXITS_NETWORK");
		assertThat(api.delete(DEMO + "/routes/::%2F0").status()).isEqualTo(204);
		assertThat(routes(DEMO + "/routes")).contains("0.0.0.0/0 EXTERNAL").doesNotContain("::/0 EXTERNAL");
	}

	@Test
	void everyReadOfADualStackClusterAnswers() {
		api.post("/api/v1/clusters", json(DUAL));
		node("node-1");
		node("node-2");
		pod("web", "node-1");
		pod("db", "node-2");

		for (String path : List.of(DEMO, "/api/v1/clusters", DEMO + "/nodes", DEMO + "/nodes/node-1", DEMO + "/pods",
				DEMO + "/namespaces/default/pods/web", DEMO + "/routes", DEMO + "/nodes/node-1/routes",
				DEMO + "/namespaces/default/pods/web/routes", DEMO + "/topology.svg", DEMO + "/reachability?port=80",
				DEMO + "/paths.svg?from=default/web&to=default/db&family=IPv6",
				DEMO + "/paths.svg?from=default/web&to=fd00:10:244:1::2")) {
			Reply reply = api.get(path);
			assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
		}
		assertThat(api.get(DEMO + "/paths.svg?from=default/web&to=default/db&family=IPv6").body())
				.contains("fd00:10:244:1::2");
		Reply reachability = api.get(DEMO + "/reachability?port=80");
		assertThat(reachability.json().path("allReachable").asBoolean()).as(reachability.toString()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"two networks of one family|'podNetworks':['10.244.0.0/16','10.245.0.0/16'],'nodeNetworks':['10.100.0.0/24','10.101.0.0/24']|podNetworks[1]|expected an IPv6 network",
			"a second family without a node network|'podNetworks':['10.244.0.0/16','fd00:10:244::/56'],'nodeNetworks':['10.100.0.0/24']|nodeNetworks|one node network per family",
			"an IPv6 node network where IPv4 is expected|'podNetworks':['10.244.0.0/16','fd00:10:244::/56'],'nodeNetworks':['fd00:10:100::/64','10.100.0.0/24']|podNetworks[0]|is IPv4 but nodeNetworks[0] is IPv6",
			"three families|'podNetworks':['10.244.0.0/16','fd00:10:244::/56','10.245.0.0/16'],'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64','10.101.0.0/24']|podNetworks|one per address family",
			"a single field that disagrees|'podNetwork':'10.245.0.0/16','podNetworks':['10.244.0.0/16','fd00:10:244::/56'],'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64']|podNetwork|differs from podNetworks[0]",
			"too many gateways|'podNetworks':['10.244.0.0/16'],'nodeNetworks':['10.100.0.0/24'],'gateways':['10.100.0.1','fd00::1']|gateways|at most one per entry",
			"a gateway outside its node network|" + "'podNetworks':['10.244.0.0/16','fd00:10:244::/56'],'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64'],'gateways':['10.100.0.1','fd00:10:101::1']|gateways[1]|outside the node network",
			"a secondary subnet prefix that does not fit|'podNetworks':['10.244.0.0/16','fd00:10:244::/56'],'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64'],'nodeSubnetPrefixLengths':[24,48]|nodeSubnetPrefixLengths[1]|shorter than the pod network",
			"no pod network at all|'nodeNetworks':['10.100.0.0/24']|podNetwork|is required" })
	void mixedUpFamiliesAre422NamingTheFieldAndStoreNothing(String what, String fields, String field, String expected) {
		Reply refused = api.post("/api/v1/clusters", json("{'name':'demo'," + fields + "}"));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		// one bad value is named in field; missing fields, found together, each in errors
		List<String> named = new ArrayList<>(List.of(refused.json().path("field").asString("")));
		refused.json().path("errors").forEach(error -> named.add(error.path("field").asString()));
		assertThat(named).contains(field);
		assertThat(refused.text("detail")).contains(expected);
		assertThat(api.get(DEMO).status()).isEqualTo(404);
	}

	private Reply node(String name) {
		return api.post(DEMO + "/nodes", json("{'name':'" + name + "'}"));
	}

	private Reply pod(String name) {
		return api.post(DEMO + "/namespaces/default/pods", json("{'name':'" + name + "','containers':[{'name':'app',"
				+ "'image':'nginx','ports':[{'containerPort':80}]}]}"));
	}

	private Reply pod(String name, String node) {
		Reply created = api.post(DEMO + "/namespaces/default/pods", json("{'name':'" + name + "','nodeName':'" + node
				+ "','containers':[{'name':'app','image':'nginx','ports':[{'containerPort':80}]}]}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created;
	}

	private List<String> routes(String path) {
		Reply reply = api.get(path);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode body = reply.json();
		JsonNode items = body.has("items") ? body.path("items") : body;
		List<String> routes = new ArrayList<>();
		for (JsonNode route : items) {
			String line = route.path("destination").asString() + " " + route.path("type").asString();
			if (route.hasNonNull("nextHop")) {
				line += " via=" + route.path("nextHop").asString();
			} else if (route.hasNonNull("device") && route.path("type").asString().equals("CONNECTED")) {
				line += " dev=" + route.path("device").asString();
			}
			routes.add(line);
		}
		return routes;
	}

	private static List<String> hopAddresses(Reply path) {
		List<String> addresses = new ArrayList<>();
		path.json().path("hops").forEach(hop -> addresses.add(hop.path("address").asString("")));
		return addresses;
	}

	private static List<String> hopRoutes(Reply path) {
		List<String> routes = new ArrayList<>();
		path.json().path("hops").forEach(hop -> routes.add(hop.path("route").asString("")));
		return routes;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(value -> texts.add(value.asString()));
		return texts;
	}
}

package io.podnet.reachability;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reachability endpoint on the cluster as stored: its counts equal tracing every pair with the
 * paths endpoint, every class's link leads to a trace that ends as the class says, and filters and
 * bad input answer as documented.
 */
class ReachabilityApiIT extends IntegrationTest {

	private static final List<String> PODS = List.of("default/web", "default/api", "default/db", "kube-system/dns");

	/**
	 * The article's cluster (web and api on node-1, db on node-2, node-3 empty) plus a DNS pod on
	 * node-3, and user routes that send traffic out, drop it, loop it and lose it.
	 */
	private void cluster() {
		pods("10.100.0.0/24", "10.244.0.0/16");
		route("{'destination':'0.0.0.0/0','type':'EXTERNAL'}");
		route("{'destination':'10.244.200.0/24','type':'BLACKHOLE'}");
		route("{'destination':'10.9.0.0/16','nextHop':'10.100.0.2'}");
		route("{'destination':'172.16.0.0/12','nextHop':'10.100.0.77'}");
	}

	/** The same in IPv6. */
	private void ipv6Cluster() {
		pods("fd00:10:100::/64", "fd00:10:244::/56");
		route("{'destination':'::/0','type':'EXTERNAL'}");
		route("{'destination':'fd00:10:244:c8::/64','type':'BLACKHOLE'}");
		route("{'destination':'fd00:9::/32','nextHop':'fd00:10:100::2'}");
		route("{'destination':'2001:db8::/32','nextHop':'fd00:10:100::77'}");
	}

	private void pods(String nodeNetwork, String podNetwork) {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'" + nodeNetwork + "','podNetwork':'" + podNetwork
				+ "'}"));
		for (String node : List.of("node-1", "node-2", "node-3")) {
			api.post("/api/v1/clusters/demo/nodes", json("{'name':'" + node + "'}"));
		}
		pod("default", "web", "node-1", "{'app':'web'}", "[{'containerPort':8080}]");
		pod("default", "api", "node-1", "{'app':'api'}", "[{'containerPort':8080},{'containerPort':9090,'protocol':'UDP'}]");
		pod("default", "db", "node-2", "{'app':'db'}", "[{'containerPort':5432}]");
		pod("kube-system", "dns", "node-3", "{'app':'dns'}", "[{'containerPort':53,'protocol':'UDP'}]");
	}

	private void pod(String namespace, String name, String node, String labels, String ports) {
		Reply pod = api.post("/api/v1/clusters/demo/namespaces/" + namespace + "/pods", json("{'name':'" + name
				+ "','nodeName':'" + node + "','labels':" + labels + ",'containers':[{'name':'" + name
				+ "','image':'img','ports':" + ports + "}]}"));
		assertThat(pod.status()).as(pod.toString()).isEqualTo(201);
	}

	private void route(String body) {
		Reply route = api.post("/api/v1/clusters/demo/routes", json(body));
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
	}

	private JsonNode reachability(String query) {
		Reply reply = api.get("/api/v1/clusters/demo/reachability" + query);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static Map<String, Long> pairs(JsonNode answer) {
		Map<String, Long> pairs = new HashMap<>();
		answer.path("pairs").properties().forEach(e -> pairs.put(e.getKey(), e.getValue().asLong()));
		return pairs;
	}

	/** What tracing each pair with the paths endpoint says, counted. */
	private Map<String, Long> tracedOneByOne(List<String> sources, List<String> destinations, String portQuery) {
		Map<String, Long> counts = new HashMap<>();
		for (String from : sources) {
			for (String to : destinations) {
				Reply path = api.get("/api/v1/clusters/demo/paths?from=" + from + "&to=" + to + portQuery);
				assertThat(path.status()).as(path.toString()).isEqualTo(200);
				counts.merge(path.text("disposition"), 1L, Long::sum);
			}
		}
		return counts;
	}

	/** Every class's link is a trace that ends as the class says, from its example's source to its example's address. */
	private void everyLinkEndsAsItsClassSays(JsonNode answer) {
		List<JsonNode> classes = new ArrayList<>();
		answer.path("exceptions").forEach(classes::add);
		answer.path("outside").forEach(classes::add);
		for (JsonNode one : classes) {
			Reply trace = api.get(one.path("trace").asString());
			assertThat(trace.status()).as(one + " " + trace).isEqualTo(200);
			assertThat(trace.text("disposition")).as(one.toString()).isEqualTo(one.path("disposition").asString());
			assertThat(trace.text("source", "pod")).isEqualTo(one.path("example").path("from").asString());
			assertThat(trace.text("destination", "address")).isEqualTo(one.path("example").path("to").asString());
			JsonNode hops = trace.json().path("hops");
			assertThat(hops.get(hops.size() - 1).path("device").asString()).as(one.toString())
					.isEqualTo(one.path("stopsAt").path("device").asString());
		}
	}

	@Test
	void everyPodToEveryPodIsCountedAsTracingEachPairSays() {
		cluster();
		JsonNode answer = reachability("?port=8080");

		Map<String, Long> expected = tracedOneByOne(PODS, PODS, "&port=8080");
		assertThat(pairs(answer)).isEqualTo(expected);
		assertThat(answer.path("allReachable").asBoolean()).isFalse();
		assertThat(answer.path("sources").path("pods").asLong()).isEqualTo(PODS.size());
		long refused = expected.get("REFUSED");
		assertThat(answer.path("exceptions").valueStream().mapToLong(e -> e.path("pairs").asLong()).sum())
				.isEqualTo(refused);
		everyLinkEndsAsItsClassSays(answer);
	}

	@Test
	void destinationsBeyondThePodsAreEachRoutesOutcome() {
		cluster();
		JsonNode answer = reachability("");
		Map<String, String> byPrefix = new HashMap<>();
		answer.path("outside").forEach(one -> {
			if (one.path("destinations").path("kind").asString().equals("PREFIX")) {
				byPrefix.put(one.path("destinations").path("examples").get(0).asString(),
						one.path("disposition").asString());
			}
		});
		// what the routes say each prefix's traffic does
		assertThat(byPrefix).containsEntry("0.0.0.0/0", "EXITS_NETWORK").containsEntry("10.244.200.0/24", "NULL_ROUTED")
				.containsEntry("10.9.0.0/16", "LOOP").containsEntry("172.16.0.0/12", "NEIGHBOR_UNREACHABLE");
		assertThat(answer.path("outside").valueStream().map(o -> o.path("destinations").path("kind").asString()))
				.contains("BRIDGE", "FREE_POD_ADDRESS", "NODE", "GATEWAY", "FREE_NODE_ADDRESS");
		// without a port every pod answers every pod
		assertThat(answer.path("allReachable").asBoolean()).isTrue();
		assertThat(pairs(answer)).isEqualTo(Map.of("ACCEPTED", (long) PODS.size() * PODS.size()));
		everyLinkEndsAsItsClassSays(answer);
	}

	@Test
	void ipv6ClustersAreAnsweredTheSameWay() {
		ipv6Cluster();
		for (String port : List.of("", "8080")) {
			JsonNode answer = reachability(port.isEmpty() ? "" : "?port=" + port);
			assertThat(pairs(answer)).isEqualTo(tracedOneByOne(PODS, PODS, port.isEmpty() ? "" : "&port=" + port));
			everyLinkEndsAsItsClassSays(answer);
		}
		JsonNode prefixes = reachability("?to=" + q("cidr:fd00::/16"));
		assertThat(prefixes.path("outside").valueStream().map(o -> o.path("disposition").asString()))
				.contains("NULL_ROUTED", "LOOP");
	}

	@Test
	void filtersSelectSourcesAndDestinations() {
		cluster();
		JsonNode oneToNamespace = reachability("?port=5432&from=" + q("pod:default/web") + "&to=" + q("namespace:default"));
		assertThat(pairs(oneToNamespace)).isEqualTo(tracedOneByOne(List.of("default/web"),
				List.of("default/web", "default/api", "default/db"), "&port=5432"));
		assertThat(oneToNamespace.path("outside")).isEmpty();

		JsonNode byLabel = reachability("?port=53&protocol=UDP&from=" + q("labels:app in (web,api)") + "&to="
				+ q("labels:app=dns"));
		assertThat(pairs(byLabel)).isEqualTo(Map.of("ACCEPTED", 2L));
		assertThat(byLabel.path("allReachable").asBoolean()).isTrue();

		JsonNode byNode = reachability("?port=8080&from=" + q("node:node-2") + "&to=" + q("node:node-1"));
		assertThat(pairs(byNode)).isEqualTo(tracedOneByOne(List.of("default/db"), List.of("default/web", "default/api"),
				"&port=8080"));

		JsonNode byCidr = reachability("?from=" + q("cidr:10.244.0.0/24") + "&to=" + q("cidr:10.244.1.0/24"));
		assertThat(byCidr.path("sources").path("pods").asLong()).isEqualTo(2);
		assertThat(pairs(byCidr)).isEqualTo(Map.of("ACCEPTED", 2L));
		// the other addresses of that subnet are asked about too, and only they
		assertThat(byCidr.path("outside")).isNotEmpty();
		byCidr.path("outside").forEach(one -> assertThat(one.path("example").path("to").asString()).startsWith("10.244.1."));
		everyLinkEndsAsItsClassSays(byCidr);

		JsonNode nobody = reachability("?from=" + q("labels:app=nothing"));
		assertThat(nobody.path("pairs").properties()).isEmpty();
		assertThat(nobody.path("sources").path("pods").asLong()).isZero();
		assertThat(nobody.path("allReachable").asBoolean()).isTrue();
	}

	@Test
	void whatIfEqualsApplyingTheChangesAndAskingAgainAndStoresNothing() {
		cluster();
		String changes = "{'port':8080,'changes':["
				+ "{'action':'add','route':{'destination':'192.0.2.0/24','type':'BLACKHOLE'}},"
				+ "{'action':'delete','route':'10.9.0.0/16'},"
				+ "{'action':'add','node':{'name':'node-4'}},"
				+ "{'action':'delete','pod':'default/api'}]}";
		String routes = api.get("/api/v1/clusters/demo/routes").body();
		String nodes = api.get("/api/v1/clusters/demo/nodes").body();
		String version = api.get("/api/v1/clusters/demo").text("resourceVersion");
		JsonNode before = reachability("?port=8080");

		Reply whatIf = api.post("/api/v1/clusters/demo/what-if", json(changes));
		assertThat(whatIf.status()).as(whatIf.toString()).isEqualTo(200);
		// nothing stored
		assertThat(api.get("/api/v1/clusters/demo/routes").body()).isEqualTo(routes);
		assertThat(api.get("/api/v1/clusters/demo/nodes").body()).isEqualTo(nodes);
		assertThat(api.get("/api/v1/clusters/demo").text("resourceVersion")).isEqualTo(version);
		assertThat(whatIf.json().path("before").path("pairs").toString()).isEqualTo(before.path("pairs").toString());

		// the same changes made for real, then the same question
		api.post("/api/v1/clusters/demo/routes", json("{'destination':'192.0.2.0/24','type':'BLACKHOLE'}"));
		assertThat(api.delete("/api/v1/clusters/demo/routes/10.9.0.0%2F16").status()).isEqualTo(204);
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-4'}"));
		assertThat(api.delete("/api/v1/clusters/demo/namespaces/default/pods/api").status()).isEqualTo(204);
		JsonNode after = reachability("?port=8080");
		assertThat(whatIf.json().path("after").path("pairs").toString()).isEqualTo(after.path("pairs").toString());
		// each changed class ends after the change as tracing its example now says
		Map<String, String> changedPrefixes = new HashMap<>();
		for (JsonNode changed : whatIf.json().path("changed")) {
			JsonNode side = changed.path("after");
			if (changed.path("prefix").isString()) {
				changedPrefixes.put(changed.path("prefix").asString(), side.path("disposition").asString());
			}
			if (side.isMissingNode() || side.isNull()) {
				continue;
			}
			Reply trace = api.get("/api/v1/clusters/demo/paths?from=" + side.path("from").asString() + "&to="
					+ side.path("to").asString() + "&port=8080");
			assertThat(trace.text("disposition")).as(changed.toString()).isEqualTo(side.path("disposition").asString());
		}
		assertThat(changedPrefixes).containsEntry("192.0.2.0/24", "NULL_ROUTED");
	}

	@Test
	void aWhatIfChangeTheApiWouldRefuseIsRefusedNamingTheChangeAndNothingIsStored() {
		cluster();
		String routes = api.get("/api/v1/clusters/demo/routes").body();
		Reply refused = api.post("/api/v1/clusters/demo/what-if", json("{'changes':["
				+ "{'action':'add','route':{'destination':'192.0.2.0/24','type':'BLACKHOLE'}},"
				+ "{'action':'add','route':{'destination':'10.100.0.0/25','type':'BLACKHOLE'}}]}"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().path("change").asInt()).isEqualTo(1);
		assertThat(refused.text("detail")).startsWith("changes[1]");
		Reply noSuchPod = api.post("/api/v1/clusters/demo/what-if", json("{'changes':[{'action':'delete','pod':'default/nope'}]}"));
		assertThat(noSuchPod.status()).as(noSuchPod.toString()).isEqualTo(404);
		Reply badAction = api.post("/api/v1/clusters/demo/what-if", json("{'changes':[{'action':'move','pod':'default/web'}]}"));
		assertThat(badAction.status()).as(badAction.toString()).isEqualTo(422);
		assertThat(badAction.text("field")).isEqualTo("changes[0].action");
		assertThat(api.get("/api/v1/clusters/demo/routes").body()).isEqualTo(routes);
	}

	@Test
	void badFiltersAndPortsAre400NamingTheParameterAndUnknownNamesAre404() {
		cluster();
		assertProblem("?from=web", 400, "from", "node:NAME");
		assertProblem("?to=" + q("cidr:10.0.0.0/33"), 400, "to", null);
		assertProblem("?to=" + q("cidr:fd00::/64"), 400, "to", "IPv4");
		assertProblem("?from=" + q("labels:app in (web"), 400, "from", null);
		assertProblem("?from=" + q("pod:web"), 400, "from", "pod:NAMESPACE/NAME");
		assertProblem("?port=0", 400, "port", "1 to 65535");
		assertProblem("?port=http", 400, null, null);
		assertProblem("?protocol=ICMP", 400, "protocol", "TCP, UDP or SCTP");
		assertProblem("?from=" + q("node:node-9"), 404, null, "node-9");
		assertProblem("?to=" + q("pod:default/nope"), 404, null, "default/nope");
		Reply noCluster = api.get("/api/v1/clusters/nope/reachability");
		assertThat(noCluster.status()).isEqualTo(404);
		assertThat(noCluster.isProblem()).isTrue();
	}

	private void assertProblem(String query, int status, String field, String detailContains) {
		Reply reply = api.get("/api/v1/clusters/demo/reachability" + query);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.isProblem()).as(reply.toString()).isTrue();
		if (field != null) {
			assertThat(reply.text("field")).as(reply.toString()).isEqualTo(field);
		}
		if (detailContains != null) {
			assertThat(reply.text("detail")).as(reply.toString()).contains(detailContains);
		}
	}
}

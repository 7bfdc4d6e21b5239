package io.podnet.metrics;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * /actuator/prometheus after a scripted scenario: every network gauge equals what the API itself
 * answers (GET cluster, nodes, pods, routes), the counters count what happened (subnet allocations,
 * exhausted pools but not dry runs, path answers by disposition), series go with their node, and
 * only a viewer token not limited to clusters may read it.
 */
class MetricsIT extends IntegrationTest {

	/** One sample line of the text format: name{labels} value; a label's quoted value may hold braces. */
	private static final Pattern SAMPLE = Pattern.compile(
			"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})? (\\S+)$");

	@Autowired
	private NetworkGauges gauges;

	@Test
	void theGaugesAreWhatTheApiAnswersAndTheCountersCountWhatHappened() {
		// 4 node subnets, 5 node addresses (10.100.0.2-.6), 3 pods per node
		created(api.post("/api/v1/clusters", json("{'name':'m','nodeNetwork':'10.100.0.0/29','podNetwork':'10.244.0.0/22',"
				+ "'nodeSubnetPrefixLength':24,'maxPodsPerNode':3}")));
		created(api.post("/api/v1/clusters", json("{'name':'other','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}")));
		for (String node : new String[] { "n1", "n2", "n3", "n4" }) {
			created(api.post("/api/v1/clusters/m/nodes", json("{'name':'" + node + "'}")));
		}
		created(api.post("/api/v1/clusters/other/nodes", json("{'name':'o1'}")));
		assertExhausted(api.post("/api/v1/clusters/m/nodes", json("{'name':'n5'}")), "node-subnets");
		assertExhausted(api.post("/api/v1/clusters/m/nodes?dryRun=All", json("{'name':'n5'}")), "node-subnets");
		for (String pod : new String[] { "a", "b", "c" }) {
			created(api.post("/api/v1/clusters/m/namespaces/default/pods", json("{'name':'" + pod + "','nodeName':'n1',"
					+ "'containers':[{'name':'c','image':'nginx','ports':[{'containerPort':80}]}]}")));
		}
		created(api.post("/api/v1/clusters/m/namespaces/default/pods", json("{'name':'d','nodeName':'n2',"
				+ "'containers':[{'name':'c','image':'nginx'}]}")));
		assertExhausted(api.post("/api/v1/clusters/m/namespaces/default/pods", json("{'name':'e','nodeName':'n1',"
				+ "'containers':[{'name':'c','image':'nginx'}]}")), "pod-addresses");
		created(api.post("/api/v1/clusters/m/routes", json("{'destination':'192.168.0.0/16','type':'BLACKHOLE'}")));
		for (int i = 0; i < 2; i++) {
			assertThat(api.get("/api/v1/clusters/m/paths?from=default/d&to=default/a&port=80").text("disposition"))
					.isEqualTo("ACCEPTED");
		}
		assertThat(api.get("/api/v1/clusters/m/paths?from=default/d&to=default/a&port=81").text("disposition"))
				.isEqualTo("REFUSED");

		gauges.refresh();
		Map<String, Double> metrics = scrape(api);
		for (String cluster : new String[] { "m", "other" }) {
			JsonNode shown = api.get("/api/v1/clusters/" + cluster).json();
			String tag = "{cluster=\"" + cluster + "\"}";
			assertThat(metrics.get("podnet_node_subnets_capacity" + tag)).as(cluster)
					.isEqualTo(shown.path("nodeSubnets").path("total").asDouble());
			assertThat(metrics.get("podnet_node_subnets_allocated" + tag)).as(cluster)
					.isEqualTo(shown.path("nodeSubnets").path("allocated").asDouble());
			assertThat(metrics.get("podnet_node_subnets_usage" + tag)).as(cluster).isEqualTo(
					shown.path("nodeSubnets").path("allocated").asDouble() / shown.path("nodeSubnets").path("total").asDouble());
			JsonNode nodes = api.get("/api/v1/clusters/" + cluster + "/nodes").json().path("items");
			assertThat(metrics.get("podnet_nodes" + tag)).as(cluster).isEqualTo(nodes.size());
			assertThat(metrics.get("podnet_pods" + tag)).as(cluster)
					.isEqualTo(api.get("/api/v1/clusters/" + cluster + "/pods").json().path("items").size());
			for (JsonNode node : nodes) {
				String nodeTag = "{cluster=\"" + cluster + "\",node=\"" + node.path("name").asString() + "\"}";
				assertThat(metrics.get("podnet_node_pod_addresses_capacity" + nodeTag)).as(nodeTag)
						.isEqualTo(node.path("pods").path("capacity").asDouble());
				assertThat(metrics.get("podnet_node_pod_addresses_allocated" + nodeTag)).as(nodeTag)
						.isEqualTo(node.path("pods").path("allocated").asDouble());
			}
		}
		assertThat(metrics.get("podnet_node_subnets_usage{cluster=\"m\"}")).isEqualTo(1.0);
		assertThat(metrics.get("podnet_node_addresses_capacity{cluster=\"m\"}")).isEqualTo(5.0);
		assertThat(metrics.get("podnet_node_pod_addresses_allocated{cluster=\"m\",node=\"n1\"}")).isEqualTo(3.0);
		long userRoutes = api.get("/api/v1/clusters/m/routes").json().valueStream()
				.filter(route -> route.path("type").asString().equals("BLACKHOLE")).count();
		assertThat(metrics.get("podnet_user_routes{cluster=\"m\"}")).isEqualTo(userRoutes).isEqualTo(1.0);
		assertThat(metrics.get("podnet_user_routes{cluster=\"other\"}")).isEqualTo(0.0);

		// counters: this test's own increments, whatever earlier tests on the same clusters' names counted
		assertThat(metrics.get("podnet_node_subnet_allocations_total{cluster=\"m\"}")).isGreaterThanOrEqualTo(4.0);
		assertThat(metrics.get("podnet_path_answers_total{cluster=\"m\",disposition=\"ACCEPTED\"}")).isGreaterThanOrEqualTo(2.0);
		assertThat(metrics.get("podnet_path_answers_total{cluster=\"m\",disposition=\"REFUSED\"}")).isGreaterThanOrEqualTo(1.0);
		assertThat(metrics.keySet()).anyMatch(key -> key.startsWith("http_server_requests_seconds_count{")
				&& key.contains("uri=\"/api/v1/clusters/{cluster}/nodes\""));
		double subnetFailures = metrics.get("podnet_allocation_failures_total{cluster=\"m\",pool=\"node-subnets\"}");
		double podFailures = metrics.get("podnet_allocation_failures_total{cluster=\"m\",pool=\"pod-addresses\"}");

		// one more of each; the dry run is not one
		assertExhausted(api.post("/api/v1/clusters/m/nodes", json("{'name':'n6'}")), "node-subnets");
		assertExhausted(api.post("/api/v1/clusters/m/nodes?dryRun=All", json("{'name':'n6'}")), "node-subnets");
		api.get("/api/v1/clusters/m/paths?from=default/d&to=default/a&port=80");
		assertThat(api.delete("/api/v1/clusters/m/namespaces/default/pods/d").status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/clusters/m/nodes/n4").status()).isEqualTo(204);
		gauges.refresh();
		Map<String, Double> after = scrape(api);
		assertThat(after.get("podnet_allocation_failures_total{cluster=\"m\",pool=\"node-subnets\"}"))
				.isEqualTo(subnetFailures + 1);
		assertThat(after.get("podnet_allocation_failures_total{cluster=\"m\",pool=\"pod-addresses\"}")).isEqualTo(podFailures);
		assertThat(after.get("podnet_path_answers_total{cluster=\"m\",disposition=\"ACCEPTED\"}"))
				.isEqualTo(metrics.get("podnet_path_answers_total{cluster=\"m\",disposition=\"ACCEPTED\"}") + 1);
		assertThat(after.get("podnet_node_subnets_allocated{cluster=\"m\"}")).isEqualTo(3.0);
		assertThat(after.get("podnet_pods{cluster=\"m\"}")).isEqualTo(3.0);
		assertThat(after.get("podnet_node_pod_addresses_allocated{cluster=\"m\",node=\"n2\"}")).isEqualTo(0.0);
		assertThat(after).as("a deleted node's series go").doesNotContainKey(
				"podnet_node_pod_addresses_capacity{cluster=\"m\",node=\"n4\"}");
		assertThat(after.get("podnet_metrics_refreshed_seconds")).isGreaterThan(0.0);
	}

	@Test
	void onlyAViewerOfEveryClusterReadsTheMetrics() {
		String viewer = api.post("/api/v1/tokens", json("{'name':'prometheus','role':'viewer'}")).text("secret");
		String scoped = api.post("/api/v1/tokens", json("{'name':'team','role':'editor','clusters':['m']}")).text("secret");
		Reply read = api.withToken(viewer).get("/actuator/prometheus");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.contentType()).startsWith("text/plain");
		Reply refused = api.withToken(scoped).get("/actuator/prometheus");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("detail")).contains("reading every cluster's metrics needs a viewer token that is not "
				+ "limited to clusters");
		assertThat(api.withToken(null).get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(api.withToken(viewer).get("/actuator/env").status()).as("other actuator endpoints stay admin's").isEqualTo(403);
	}

	private static void created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
	}

	private static void assertExhausted(Reply reply, String pool) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
		assertThat(reply.text("pool")).isEqualTo(pool);
	}

	/** Every sample of the text format by name and labels, as written. */
	static Map<String, Double> scrape(Api api) {
		Reply reply = api.get("/actuator/prometheus");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		Map<String, Double> samples = new HashMap<>();
		for (String line : reply.body().split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (!line.startsWith("#") && sample.matches()) {
				samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
			}
		}
		return samples;
	}
}

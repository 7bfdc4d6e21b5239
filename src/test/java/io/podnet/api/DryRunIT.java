package io.podnet.api;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * ?dryRun=All on every write, as Kubernetes has it: the answer a real write would get (the address
 * or subnet it would be given included), and afterwards every table exactly as before — no row, no
 * allocator cursor, no version, no audit record changed.
 */
class DryRunIT extends IntegrationTest {

	private static final String CLUSTER = "/api/v1/clusters/demo";
	private static final String PODS = CLUSTER + "/namespaces/default/pods";
	private static final String DRY = "?dryRun=All";

	/** Every table podnet writes, whole: allocator cursors, versions and the audit log included. */
	private static final String[] TABLES = { "cluster", "node", "node_pods", "gateway_route", "pod", "api_token",
			"audit_event" };

	@BeforeEach
	void cluster() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
	}

	private List<String> stored() {
		List<String> rows = new ArrayList<>();
		for (String table : TABLES) {
			rows.add(table + ": " + jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1"));
		}
		return rows;
	}

	private static String pod(String name, String node) {
		return json("{'name':'" + name + "'," + (node == null ? "" : "'nodeName':'" + node + "',")
				+ "'containers':[{'name':'c','image':'nginx:1.27','ports':[{'containerPort':80}]}]}");
	}

	@Test
	void aPodDryRunAnswersTheIpThatARealCreateThenGets() {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		api.post(PODS, pod("a", "node-1"));
		List<String> before = stored();

		Reply dry = api.post(PODS + DRY, pod("web", null));
		assertThat(dry.status()).as(dry.toString()).isEqualTo(201);
		assertThat(dry.text("ip")).isEqualTo("10.244.0.3");
		assertThat(dry.text("nodeName")).isEqualTo("node-1");
		assertThat(dry.text("network", "hostInterface")).startsWith("veth");
		assertThat(api.post(PODS + DRY, pod("web", null)).text("ip")).as("the cursor did not move").isEqualTo("10.244.0.3");
		assertThat(stored()).isEqualTo(before);
		assertThat(api.get(PODS + "/web").status()).isEqualTo(404);

		Reply real = api.post(PODS, pod("web", null));
		assertThat(real.status()).isEqualTo(201);
		assertThat(real.text("ip")).isEqualTo(dry.text("ip"));
		assertThat(real.text("network", "hostInterface")).isEqualTo(dry.text("network", "hostInterface"));
		assertThat(real.text("resourceVersion")).isEqualTo(dry.text("resourceVersion"));
	}

	@Test
	void aNodeDryRunShowsItsSubnetAndAddressAndLeavesTheGatewayRoutesAlone() {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		String routes = api.get(CLUSTER + "/routes").body();
		String cluster = api.get(CLUSTER).text("resourceVersion");
		List<String> before = stored();

		Reply dry = api.post(CLUSTER + "/nodes" + DRY, json("{'name':'node-2'}"));
		assertThat(dry.status()).as(dry.toString()).isEqualTo(201);
		assertThat(dry.text("podSubnet")).isEqualTo("10.244.1.0/24");
		assertThat(dry.text("address")).isEqualTo("10.100.0.3");
		assertThat(dry.text("bridge", "address")).isEqualTo("10.244.1.1");
		assertThat(stored()).isEqualTo(before);
		assertThat(api.get(CLUSTER + "/routes").body()).isEqualTo(routes);
		assertThat(api.get(CLUSTER).text("resourceVersion")).isEqualTo(cluster);
		assertThat(api.get(CLUSTER + "/nodes/node-2").status()).isEqualTo(404);

		Reply real = api.post(CLUSTER + "/nodes", json("{'name':'node-2'}"));
		assertThat(real.text("podSubnet")).isEqualTo(dry.text("podSubnet"));
		assertThat(real.text("address")).isEqualTo(dry.text("address"));
	}

	@Test
	void clusterRouteAndTokenCreatesStoreNothing() {
		List<String> before = stored();

		Reply cluster = api.post("/api/v1/clusters" + DRY,
				json("{'name':'other','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}"));
		assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
		assertThat(cluster.text("gateway")).isEqualTo("10.1.0.1");
		Reply route = api.post(CLUSTER + "/routes" + DRY, json("{'destination':'0.0.0.0/0','type':'EXTERNAL'}"));
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		assertThat(route.text("destination")).isEqualTo("0.0.0.0/0");
		Reply token = api.post("/api/v1/tokens" + DRY, json("{'name':'ci','role':'editor'}"));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);

		assertThat(stored()).isEqualTo(before);
		assertThat(api.get("/api/v1/clusters/other").status()).isEqualTo(404);
		assertThat(api.withToken(token.text("secret")).get("/api/v1/clusters").status()).as("never stored").isEqualTo(401);
	}

	@Test
	void aDryRunDeleteAnswers204AndLeavesTheResource() {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		api.post(PODS, pod("web", "node-1"));
		api.post(CLUSTER + "/routes", json("{'destination':'10.0.0.0/8','type':'BLACKHOLE'}"));
		api.post("/api/v1/tokens", json("{'name':'ci','role':'editor'}"));
		List<String> before = stored();

		for (String path : new String[] { PODS + "/web", CLUSTER + "/nodes/node-1?cascade=true&dryRun=All",
				CLUSTER + "/routes/10.0.0.0%2F8", "/api/v1/tokens/ci" }) {
			String dry = path.contains("?") ? path : path + DRY;
			assertThat(api.delete(dry).status()).as(dry).isEqualTo(204);
		}
		assertThat(stored()).isEqualTo(before);
		assertThat(api.get(PODS + "/web").status()).isEqualTo(200);
		assertThat(api.get(CLUSTER + "/nodes/node-1").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/tokens/ci").status()).isEqualTo(200);

		// a cluster can be deleted once it is empty: its dry run shows that it could be, and leaves it
		api.delete(CLUSTER + "/nodes/node-1?cascade=true");
		assertThat(api.delete(CLUSTER + DRY).status()).isEqualTo(204);
		assertThat(api.get(CLUSTER).status()).isEqualTo(200);
	}

	@Test
	void aDryRunIsRefusedAsTheRealWriteWouldBe() {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		api.post(PODS, pod("web", "node-1"));
		List<String> before = stored();
		int recorded = audited();

		Reply invalid = api.post(CLUSTER + "/nodes" + DRY, json("{'name':'node-2','podSubnet':'10.244.1.1/24'}"));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.text("field")).isEqualTo("podSubnet");
		Reply taken = api.post(PODS + DRY, pod("web", "node-1"));
		assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
		assertThat(taken.isProblem()).isTrue();
		assertThat(api.post(CLUSTER + "/nodes" + DRY, json("{'name':'node-2','podSubnet':'10.244.0.0/24'}")).status())
				.as("subnet taken").isEqualTo(409);
		assertThat(api.delete(CLUSTER + "/nodes/node-1" + DRY).status()).as("node still has pods").isEqualTo(409);
		assertThat(api.delete(PODS + "/nobody" + DRY).status()).isEqualTo(404);
		Reply stale = api.send("DELETE", PODS + "/web" + DRY, null, null, "\"41\"");
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.isProblem()).isTrue();
		String current = "\"" + api.get(PODS + "/web").text("resourceVersion") + "\"";
		assertThat(api.send("DELETE", PODS + "/web" + DRY, null, null, current).status()).isEqualTo(204);

		// the refusals are in the audit log, as refused; the dry run that went through is not
		assertThat(audited()).isEqualTo(recorded + 6);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE outcome <> 'refused' AND path LIKE ?",
				Integer.class, "%dryRun%")).isZero();
		jdbc.update("DELETE FROM audit_event WHERE path LIKE ?", "%dryRun%");
		assertThat(stored()).isEqualTo(before);
	}

	private int audited() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "all", "ALL", "", "All,All", "None", "All%20" })
	void anyOtherValueOfDryRunIs400NamingItAndAll(String value) {
		List<String> clusters = jdbc.queryForList("SELECT name FROM cluster", String.class);
		Reply reply = api.post("/api/v1/clusters?dryRun=" + value,
				json("{'name':'other','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}"));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.text("field")).isEqualTo("dryRun");
		assertThat(reply.text("detail")).contains("dryRun").contains("All");
		assertThat(jdbc.queryForList("SELECT name FROM cluster", String.class)).isEqualTo(clusters);
		assertThat(api.delete(CLUSTER + "?dryRun=" + value).status()).isEqualTo(400);
		assertThat(api.get(CLUSTER).status()).isEqualTo(200);
	}

	@Test
	void aDryRunNeedsTheRoleTheWriteNeeds() {
		String viewer = api.post("/api/v1/tokens", json("{'name':'looker','role':'viewer'}")).text("secret");
		Reply refused = api.withToken(viewer).post(CLUSTER + "/nodes" + DRY, json("{'name':'node-1'}"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(api.withToken(null).delete(CLUSTER + DRY).status()).isEqualTo(401);
	}

	@Test
	void readsIgnoreDryRun() {
		assertThat(api.get(CLUSTER + "?dryRun=whatever").status()).isEqualTo(200);
	}

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	@Test
	void theApiDocumentNamesDryRunOnEveryWrite() {
		JsonNode paths = api.get("/v3/api-docs").json().path("paths");
		int writes = 0;
		for (var path : paths.properties()) {
			if (!path.getKey().startsWith("/api/")) {
				continue;
			}
			for (var operation : path.getValue().properties()) {
				if (!METHODS.contains(operation.getKey())) {
					continue;
				}
				boolean write = List.of("post", "put", "patch", "delete").contains(operation.getKey());
				boolean documented = false;
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					documented |= parameter.path("name").asString().equals("dryRun")
							&& parameter.path("in").asString().equals("query");
				}
				assertThat(documented).as(operation.getKey() + " " + path.getKey()).isEqualTo(write);
				writes += write ? 1 : 0;
			}
		}
		assertThat(writes).isGreaterThanOrEqualTo(9);
	}
}

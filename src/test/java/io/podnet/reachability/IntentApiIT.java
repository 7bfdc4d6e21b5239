package io.podnet.reachability;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Intents: declared only when they hold and select something, kept by refusing every write that
 * would break them (409) unless forced (then audited), checked inside the write's transaction so
 * that two writes cannot break one together.
 */
class IntentApiIT extends IntegrationTest {

	private static final String INTENTS = "/api/v1/clusters/demo/intents";

	/** Three nodes; web and api on node-1 and db on node-2 listen on 8080; the default route leads out. */
	private void cluster() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		for (String node : List.of("node-1", "node-2", "node-3")) {
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'" + node + "'}")).status()).isEqualTo(201);
		}
		assertThat(pod("default", "web", "node-1", 8080).status()).isEqualTo(201);
		assertThat(pod("default", "api", "node-1", 8080).status()).isEqualTo(201);
		assertThat(pod("default", "db", "node-2", 8080).status()).isEqualTo(201);
		assertThat(route("{'destination':'0.0.0.0/0','type':'EXTERNAL'}").status()).isEqualTo(201);
	}

	private Reply pod(String namespace, String name, String node, int port) {
		return pod(namespace, name, node, port, "");
	}

	private Reply pod(String namespace, String name, String node, int port, String query) {
		return api.post("/api/v1/clusters/demo/namespaces/" + namespace + "/pods" + query, json("{'name':'" + name
				+ "','nodeName':'" + node + "','labels':{'app':'" + name + "'},'containers':[{'name':'c','image':'img',"
				+ "'ports':[{'containerPort':" + port + "}]}]}"));
	}

	private Reply route(String body) {
		return api.post("/api/v1/clusters/demo/routes", json(body));
	}

	private Reply intent(String body) {
		return api.post(INTENTS, json(body));
	}

	private List<String> intentNames() {
		return StreamSupport.stream(api.get(INTENTS).json().get("items").spliterator(), false)
				.map(item -> item.get("name").asString()).toList();
	}

	@Test
	void anIntentThatHoldsIsDeclaredListedShownAndDropped() {
		cluster();
		Reply created = intent("{'name':'pods-reach-pods','from':{'pods':'*'},'to':{'pods':'*'},'port':8080,"
				+ "'expect':'ACCEPTED'}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.location()).endsWith(INTENTS + "/pods-reach-pods");
		assertThat(created.text("status", "holds")).isEqualTo("true");
		assertThat(created.text("protocol")).isEqualTo("TCP");
		assertThat(intentNames()).containsExactly("pods-reach-pods");
		Reply shown = api.get(INTENTS + "/pods-reach-pods");
		assertThat(shown.text("status", "sourcePods")).isEqualTo("3");
		assertThat(shown.text("to", "pods")).isEqualTo("*");
		assertThat(api.delete(INTENTS + "/pods-reach-pods").status()).isEqualTo(204);
		assertThat(api.get(INTENTS + "/pods-reach-pods").status()).isEqualTo(404);
		assertThat(api.delete(INTENTS + "/pods-reach-pods").status()).isEqualTo(404);
	}

	@Test
	void aPodThatBreaksAnIntentIsRefusedWithTheBrokenClassesUnlessForcedAndThenAudited() {
		cluster();
		intent("{'name':'pods-reach-pods','from':{'pods':'*'},'to':{'pods':'*'},'port':8080,'expect':'ACCEPTED'}");
		Reply refused = pod("default", "deaf", "node-3", 9090);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("type")).isEqualTo("urn:podnet:problem:intent-broken");
		assertThat(refused.text("detail")).contains("'pods-reach-pods'");
		JsonNode broken = refused.json().get("intents").get(0);
		assertThat(broken.get("name").asString()).isEqualTo("pods-reach-pods");
		JsonNode first = broken.get("broken").get(0);
		assertThat(first.get("disposition").asString()).isEqualTo("REFUSED");
		assertThat(first.get("example").get("to").asString()).startsWith("10.244.2.");
		String trace = first.get("trace").asString();
		assertThat(trace).contains("to=" + first.get("example").get("to").asString());
		assertThat(api.get("/api/v1/clusters/demo/namespaces/default/pods/deaf").status()).isEqualTo(404);

		Reply forced = pod("default", "deaf", "node-3", 9090, "?force=true");
		assertThat(forced.status()).as(forced.toString()).isEqualTo(201);
		// the link traces the flow on the cluster as stored: now that the pod is there, as the refusal said
		Reply traced = api.get(trace);
		assertThat(traced.text("disposition")).as(trace + " " + traced).isEqualTo("REFUSED");
		JsonNode audited = lastAudit("/pods?force=true");
		assertThat(audited.get("outcome").asString()).isEqualTo("committed");
		assertThat(audited.get("note").asString()).contains("pods-reach-pods");
		Reply status = api.get(INTENTS + "/pods-reach-pods");
		assertThat(status.text("status", "holds")).isEqualTo("false");
		assertThat(status.json().get("status").get("broken")).isNotEmpty();
	}

	private JsonNode lastAudit(String pathEnd) {
		JsonNode found = null;
		for (JsonNode event : api.get("/api/v1/audit?cluster=demo").json().get("items")) {
			if (event.get("path").asString().endsWith(pathEnd)) {
				found = event;
			}
		}
		assertThat(found).as("an audit record of " + pathEnd).isNotNull();
		return found;
	}

	@Test
	void routeAndNodeWritesThatBreakAnIntentAreRefused() {
		cluster();
		assertThat(route("{'destination':'10.244.0.0/16','type':'BLACKHOLE'}").status()).isEqualTo(201);
		// node-4 would take 10.244.3.0/24 from the blackhole
		Reply quarantine = intent("{'name':'quarantine','to':{'cidr':'10.244.3.0/24'},'expect':'NULL_ROUTED'}");
		assertThat(quarantine.status()).as(quarantine.toString()).isEqualTo(201);
		Reply node = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-4'}"));
		assertThat(node.status()).as(node.toString()).isEqualTo(409);
		assertThat(node.text("detail")).contains("'quarantine'");
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-4").status()).isEqualTo(404);
		Reply unblock = api.delete("/api/v1/clusters/demo/routes/10.244.0.0%2F16");
		assertThat(unblock.status()).as(unblock.toString()).isEqualTo(409);

		Reply leak = intent("{'name':'no-leak','from':{'pods':'*'},'to':{'cidr':'0.0.0.0/0','except':['10.244.0.0/16',"
				+ "'10.100.0.0/24']},'expect':'EXITS_NETWORK','via':'EXTERNAL'}");
		assertThat(leak.status()).as(leak.toString()).isEqualTo(201);
		Reply lost = route("{'destination':'192.168.0.0/16','nextHop':'10.100.0.77'}");
		assertThat(lost.status()).as(lost.toString()).isEqualTo(409);
		assertThat(lost.json().get("intents").get(0).get("broken").get(0).get("disposition").asString())
				.isEqualTo("NEIGHBOR_UNREACHABLE");
		// a route that leads out too keeps it
		assertThat(route("{'destination':'192.168.0.0/16','type':'EXTERNAL'}").status()).isEqualTo(201);
		assertThat(api.delete("/api/v1/clusters/demo/routes/192.168.0.0%2F16?force=true").status()).isEqualTo(204);
	}

	@Test
	void aSelectorThatMatchesNothingAfterAWriteHoldsSoTheLastPodMayGo() {
		cluster();
		assertThat(pod("kube-system", "dns", "node-3", 53).status()).isEqualTo(201);
		assertThat(intent("{'name':'dns','to':{'namespace':'kube-system'},'port':53,'expect':'ACCEPTED'}").status())
				.isEqualTo(201);
		assertThat(api.delete("/api/v1/clusters/demo/namespaces/kube-system/pods/dns").status()).isEqualTo(204);
		Reply status = api.get(INTENTS + "/dns");
		assertThat(status.text("status", "holds")).isEqualTo("true");
		assertThat(status.text("status", "destinationPods")).isEqualTo("0");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown selector key   | {'name':'x','to':{'zone':'a'},'expect':'ACCEPTED'}                              | 400 | zone
			two selections         | {'name':'x','to':{'pods':'*','node':'node-1'},'expect':'ACCEPTED'}            | 422 | to
			pods other than *      | {'name':'x','to':{'pods':'web'},'expect':'ACCEPTED'}                          | 422 | to.pods
			no to                  | {'name':'x','expect':'ACCEPTED'}                                              | 422 | to
			bad cidr               | {'name':'x','to':{'cidr':'10.244.0.1/16'},'expect':'NULL_ROUTED'}            | 422 | to.cidr
			cidr of the other family | {'name':'x','to':{'cidr':'fd00::/64'},'expect':'NULL_ROUTED'}              | 422 | to.cidr
			except outside the cidr | {'name':'x','to':{'cidr':'10.9.0.0/16','except':['10.8.0.0/24']},'expect':'EXITS_NETWORK'} | 422 | to.except[0]
			except without cidr    | {'name':'x','to':{'pods':'*','except':['10.8.0.0/24']},'expect':'ACCEPTED'}   | 422 | to.except
			bad expect             | {'name':'x','to':{'pods':'*'},'expect':'FINE'}                                | 422 | expect
			bad port               | {'name':'x','to':{'pods':'*'},'port':70000,'expect':'ACCEPTED'}               | 422 | port
			bad protocol           | {'name':'x','to':{'pods':'*'},'port':80,'protocol':'ICMP','expect':'ACCEPTED'} | 422 | protocol
			bad via                | {'name':'x','to':{'pods':'*'},'expect':'ACCEPTED','via':'MAGIC'}              | 422 | via
			bad name               | {'name':'No_Good','to':{'pods':'*'},'expect':'ACCEPTED'}                      | 422 | name
			bad label selector     | {'name':'x','to':{'labels':'app in ('},'expect':'ACCEPTED'}                   | 422 | to.labels
			from selects nothing   | {'name':'x','from':{'namespace':'nope'},'to':{'pods':'*'},'expect':'ACCEPTED'} | 422 | from
			to selects nothing     | {'name':'x','to':{'node':'node-3'},'expect':'ACCEPTED'}                       | 422 | to
			""")
	void badIntentsAreRefusedNamingTheFieldAndNothingIsStored(String description, String body, int status, String field) {
		cluster();
		Reply refused = intent(body);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("detail")).contains(field);
		assertThat(intentNames()).isEmpty();
	}

	@Test
	void anIntentThatIsFalseAlreadyIsRefusedShowingWhyAndANameIsTakenOnce() {
		cluster();
		Reply falseNow = intent("{'name':'db-on-5432','to':{'pods':'*'},'port':5432,'expect':'ACCEPTED'}");
		assertThat(falseNow.status()).as(falseNow.toString()).isEqualTo(422);
		assertThat(falseNow.text("type")).isEqualTo("urn:podnet:problem:intent-false");
		assertThat(falseNow.json().get("intent").get("broken").get(0).get("disposition").asString()).isEqualTo("REFUSED");
		assertThat(intentNames()).isEmpty();
		String holds = "{'name':'web','to':{'pods':'*'},'port':8080,'expect':'ACCEPTED'}";
		assertThat(intent(holds).status()).isEqualTo(201);
		Reply again = intent(holds);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("type")).isEqualTo("urn:podnet:problem:already-exists");
	}

	/**
	 * Namespace a (no pod any more) to namespace b on 8080: a client created in a is fine alone (b's
	 * pod listens), a deaf pod created in b is fine alone (no client), both break it. Pods on two
	 * nodes take no common lock but the intent guard; of each pair sent at once exactly one is created.
	 */
	@Test
	void twoPodsThatBreakAnIntentOnlyTogetherAreNeverBothCreated() throws Exception {
		cluster();
		assertThat(pod("a", "first", "node-1", 8080).status()).isEqualTo(201);
		assertThat(pod("b", "server", "node-2", 8080).status()).isEqualTo(201);
		assertThat(intent("{'name':'a-reaches-b','from':{'namespace':'a'},'to':{'namespace':'b'},'port':8080,"
				+ "'expect':'ACCEPTED'}").status()).isEqualTo(201);
		assertThat(api.delete("/api/v1/clusters/demo/namespaces/a/pods/first").status()).isEqualTo(204);
		for (int round = 0; round < 5; round++) {
			CyclicBarrier start = new CyclicBarrier(2);
			String client = "client-" + round;
			String deaf = "deaf-" + round;
			CompletableFuture<Reply> clientCreated = CompletableFuture.supplyAsync(() -> {
				await(start);
				return pod("a", client, "node-1", 8080);
			});
			CompletableFuture<Reply> deafCreated = CompletableFuture.supplyAsync(() -> {
				await(start);
				return pod("b", deaf, "node-3", 9090);
			});
			List<Integer> statuses = new ArrayList<>(List.of(clientCreated.get().status(), deafCreated.get().status()));
			assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
			assertThat(api.get(INTENTS + "/a-reaches-b").text("status", "holds")).isEqualTo("true");
			// back to the start: neither pod
			api.delete("/api/v1/clusters/demo/namespaces/a/pods/" + client);
			api.delete("/api/v1/clusters/demo/namespaces/b/pods/" + deaf);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

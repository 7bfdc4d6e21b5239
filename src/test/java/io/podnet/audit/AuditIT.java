package io.podnet.audit;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit log: every write, committed with its change or recorded as refused, and readable by admins. */
class AuditIT extends IntegrationTest {

	private static final String CLUSTER = "{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}";

	@Test
	void aWriteIsRecordedWithWhoWhatAndTheOutcome() {
		Instant before = Instant.now().minusSeconds(1);
		assertThat(api.post("/api/v1/clusters", json(CLUSTER)).status()).isEqualTo(201);
		String viewer = api.post("/api/v1/tokens", json("{'name':'looker','role':'viewer'}")).text("secret");
		assertThat(api.withToken(viewer).post("/api/v1/clusters/demo/nodes", json("{'name':'n1'}")).status()).isEqualTo(403);
		assertThat(api.withToken(null).delete("/api/v1/clusters/demo").status()).isEqualTo(401);
		assertThat(api.post("/api/v1/clusters", json(CLUSTER)).status()).isEqualTo(409);

		List<JsonNode> events = items(api.get("/api/v1/audit?since=" + before));
		assertThat(events).hasSize(5);
		JsonNode created = events.get(0);
		assertThat(created.path("token").asString()).isEqualTo("admin");
		assertThat(created.path("method").asString()).isEqualTo("POST");
		assertThat(created.path("path").asString()).isEqualTo("/api/v1/clusters");
		assertThat(created.path("cluster").asString()).isEqualTo("demo");
		assertThat(created.path("status").asInt()).isEqualTo(201);
		assertThat(created.path("outcome").asString()).isEqualTo("committed");
		assertThat(created.path("body").asString()).contains("\"nodeNetwork\":\"10.100.0.0/24\"");
		assertThat(events.get(1).path("path").asString()).isEqualTo("/api/v1/tokens");
		assertThat(events.get(2).path("token").asString()).isEqualTo("looker");
		assertThat(events.get(2).path("status").asInt()).isEqualTo(403);
		assertThat(events.get(2).path("outcome").asString()).isEqualTo("refused");
		assertThat(events.get(2).path("cluster").asString()).isEqualTo("demo");
		assertThat(events.get(3).has("token")).as("no valid token").isFalse();
		assertThat(events.get(3).path("status").asInt()).isEqualTo(401);
		assertThat(events.get(4).path("status").asInt()).isEqualTo(409);
		assertThat(events.get(4).path("outcome").asString()).isEqualTo("refused");

		assertThat(items(api.get("/api/v1/audit?token=looker"))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?cluster=demo"))).hasSize(4);
		assertThat(items(api.get("/api/v1/audit?since=2999-01-01T00:00:00Z"))).isEmpty();
		assertThat(api.withToken(viewer).get("/api/v1/audit").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/audit?since=yesterday").status()).isEqualTo(422);
		assertThat(api.get("/api/v1/audit?continue=djEKYWJj").status()).isEqualTo(422);
	}

	@Test
	void theLogIsPagedOldestFirst() {
		api.post("/api/v1/clusters", json(CLUSTER));
		for (int i = 0; i < 5; i++) {
			api.post("/api/v1/clusters/demo/nodes", json("{'name':'n" + i + "'}"));
		}
		List<Long> ids = new ArrayList<>();
		String next = "";
		do {
			Reply page = api.get("/api/v1/audit?limit=2" + (next.isEmpty() ? "" : "&continue=" + next));
			items(page).forEach(e -> ids.add(e.path("id").asLong()));
			next = page.text("metadata", "continue") == null ? "" : page.text("metadata", "continue");
		} while (!next.isEmpty());
		assertThat(ids).hasSize(6).isSorted().doesNotHaveDuplicates();
	}

	/**
	 * Concurrent creates of overlapping names: every 201 has exactly one committed record and every
	 * refusal one refused record, and the committed records name exactly the nodes that exist.
	 */
	@Test
	void everyChangeHasItsRecordAndEveryRecordItsChange() throws Exception {
		api.post("/api/v1/clusters", json(CLUSTER));
		ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 80; i++) {
			int n = i % 40;
			clients.submit(() -> statuses.add(new Api(port).post("/api/v1/clusters/demo/nodes",
					json("{'name':'node-" + n + "'}")).status()));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		long accepted = statuses.stream().filter(s -> s == 201).count();
		assertThat(accepted).isEqualTo(40);
		Long committed = jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE outcome = 'committed' AND path LIKE '%/nodes'", Long.class);
		Long refused = jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE outcome = 'refused' AND path LIKE '%/nodes'", Long.class);
		Long nodes = jdbc.queryForObject("SELECT count(*) FROM node", Long.class);
		assertThat(committed).isEqualTo(accepted).isEqualTo(nodes);
		assertThat(refused).isEqualTo(80 - accepted);
	}

	private static List<JsonNode> items(Reply list) {
		assertThat(list.status()).as("%s", list).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		list.json().path("items").forEach(items::add);
		return items;
	}
}

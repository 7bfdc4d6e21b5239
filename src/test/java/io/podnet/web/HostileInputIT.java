package io.podnet.web;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.web.HostileCorpus.Answer;
import io.podnet.web.HostileCorpus.Case;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the hostile-input corpus ({@code src/test/resources/hostile/*.jsonl}, at least 200
 * malformed or invalid requests) over real HTTP against a small fixture: every answer must be a
 * 4xx (never 2xx, never 5xx), an RFC 9457 problem+json with status, title and detail (unless the
 * case documents that the container refuses it before podnet sees it), of the case's status when it
 * names one; it must not echo an unbounded part of the input nor name the service's internals; and
 * nothing may change, down to the allocation cursors in the database.
 *
 * <p>Each case is its own dynamic test, named "area:line description", so a report names the
 * request that failed. A case that changes the state is named, and the fixture is rebuilt so the
 * cases after it are judged on their own. Cases marked [BUG …] document a bug found by this corpus
 * (see hostile/README.md); they assert the correct behaviour and fail until it is fixed.
 */
class HostileInputIT extends IntegrationTest {

	private static final int MIN_CASES = 200;

	/** No refusal needs more than this; a larger one echoes the input back (an amplifier). */
	private static final int MAX_PROBLEM_BYTES = 64 * 1024;

	private static final int TIMEOUT_MILLIS = 60_000;

	/** Java and library internals that have no place in an answer to a client. */
	private static final Pattern INTERNALS = Pattern.compile("io\\.podnet\\.|java\\.(lang|util|io|math)\\.|"
			+ "\\[L[a-z]+\\.|org\\.springframework|org\\.hibernate|org\\.postgresql|org\\.h2\\.|tools\\.jackson\\."
			+ "|com\\.fasterxml|\\b[A-Z]\\w*Request\\[\\w+=|SQLState|\\bat [a-z]+\\.[a-z]+\\.[A-Za-z.]+\\(");

	/** Child tables first, as {@link IntegrationTest} empties them. */
	private static final String[] TABLES = { "pod", "gateway_route", "node_pods", "node", "cluster" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private String baseline;
	private final List<String> changedTheState = new ArrayList<>();

	@TestFactory
	Stream<DynamicTest> everyHostileRequestIsRefusedWithAProblemAndChangesNothing() {
		List<Case> corpus = HostileCorpus.load();
		assertThat(corpus).as("cases in the corpus").hasSizeGreaterThanOrEqualTo(MIN_CASES);
		assertThat(corpus.stream().map(Case::description).distinct().count()).as("every description is unique")
				.isEqualTo(corpus.size());

		fixture();
		baseline = state();

		Stream<DynamicTest> cases = corpus.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
		Stream<DynamicTest> end = Stream.of(DynamicTest.dynamicTest("the state is unchanged after the whole corpus",
				() -> {
					assertThat(changedTheState).as("cases that changed the state").isEmpty();
					assertThat(state()).isEqualTo(baseline);
				}));
		return Stream.concat(cases, end);
	}

	private void replay(Case c) {
		Answer answer = HostileCorpus.send(c, port, TIMEOUT_MILLIS);
		String after = state();
		boolean changed = !after.equals(baseline);
		if (changed) {
			changedTheState.add(c.name());
			String diff = difference(baseline, after);
			// rebuild the fixture so the next cases are judged on their own
			restore();
			after = "changed: " + diff;
		}

		// one line per case in the build output: what each hostile request got
		System.out.println("hostile " + c.area() + ":" + c.line() + " -> " + (answer.failure() != null
				? answer.failure() : answer.status() + " " + answer.contentType() + " " + answer.bodySize() + " bytes")
				+ (changed ? " CHANGED THE STATE" : ""));
		String context = "\n  case:    " + c.name() + "\n  request: " + c.summary() + "\n  answer:  " + answer
				+ (c.bug() == null ? "" : "\n  guards against: " + c.bug()) + (c.needs() == null ? "" : "\n  needs: " + c.needs());
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(answer.failure()).as("an answer" + context).isNull();
		if (answer.failure() == null) {
			softly.assertThat(answer.status()).as("a 4xx" + context).isBetween(400, 499);
			if (!c.statuses().isEmpty()) {
				softly.assertThat(answer.status()).as("the status" + context).isIn(c.statuses());
			}
			if (c.noProblem() == null) {
				checkProblem(softly, c, answer, context);
			}
			softly.assertThat(answer.bodySize()).as("a bounded answer, not an echo of the input" + context)
					.isLessThanOrEqualTo(MAX_PROBLEM_BYTES);
			softly.assertThat(internals(answer.text())).as("no internals in the answer" + context).isNull();
		}
		softly.assertThat(changed ? after : "unchanged").as("the state" + context).isEqualTo("unchanged");
		softly.assertAll();
	}

	/** The first Java or library internal named in an answer, with a little context; null if none. */
	private static String internals(String answer) {
		Matcher found = INTERNALS.matcher(answer);
		if (!found.find()) {
			return null;
		}
		return "…" + answer.substring(Math.max(0, found.start() - 40), Math.min(answer.length(), found.end() + 40)) + "…";
	}

	private static void checkProblem(SoftAssertions softly, Case c, Answer answer, String context) {
		softly.assertThat(answer.contentType().toLowerCase(Locale.ROOT)).as("a problem+json" + context)
				.startsWith("application/problem+json");
		if (answer.bodySize() > answer.body().length) {
			return; // too large to keep whole; the size check reports it
		}
		JsonNode problem;
		try {
			problem = JSON.readTree(answer.text());
		} catch (RuntimeException e) {
			softly.fail("the answer is not JSON: " + e.getMessage() + context);
			return;
		}
		softly.assertThat(problem.path("status").asInt()).as("problem status" + context).isEqualTo(answer.status());
		softly.assertThat(problem.path("title").asString("")).as("problem title" + context).isNotBlank();
		softly.assertThat(problem.path("detail").asString("")).as("problem detail" + context).isNotBlank();
		if (c.field() != null) {
			softly.assertThat(problem.path("field").asString(null)).as("problem field" + context).isEqualTo(c.field());
		}
	}

	/**
	 * Two clusters: the README's demo (IPv4, two nodes, a pod with two containers, a blackhole and
	 * a static user route) and an IPv6 one with a node and a pod.
	 */
	private void fixture() {
		created(api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
		created(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}")));
		created(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}")));
		created(api.post("/api/v1/clusters/demo/namespaces/default/pods", json("{'name':'web','nodeName':'node-1',"
				+ "'containers':[{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80}]},"
				+ "{'name':'scrapyd','image':'scrapy/scrapyd','ports':[{'containerPort':6800}]}]}")));
		created(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.244.200.0/24','type':'BLACKHOLE'}")));
		created(api.post("/api/v1/clusters/demo/routes", json("{'destination':'192.168.0.0/16','nextHop':'10.100.0.3'}")));
		created(api.post("/api/v1/clusters",
				json("{'name':'v6','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::/56'}")));
		created(api.post("/api/v1/clusters/v6/nodes", json("{'name':'node-a'}")));
		created(api.post("/api/v1/clusters/v6/namespaces/default/pods", json("{'name':'api','containers':"
				+ "[{'name':'app','image':'app:1','ports':[{'containerPort':8080}]}]}")));
	}

	private static void created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
	}

	private void restore() {
		for (String table : TABLES) {
			jdbc.update("DELETE FROM " + table);
		}
		fixture();
		baseline = state();
	}

	/**
	 * Everything a user can see through the API, and every row of every table (allocation cursors,
	 * versions and all), so that even an invisible change is caught.
	 */
	private String state() {
		StringBuilder state = new StringBuilder("API\n");
		Reply clusters = api.get("/api/v1/clusters");
		state.append(clusters.body()).append('\n');
		clusters.json().path("items").forEach(cluster -> {
			String base = "/api/v1/clusters/" + cluster.path("name").asString();
			for (String part : List.of("", "/nodes", "/pods", "/routes")) {
				state.append(base).append(part).append(' ').append(api.get(base + part).body()).append('\n');
			}
		});
		state.append("DATABASE\n");
		for (String table : tables()) {
			state.append(table).append(' ').append(jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1")).append('\n');
		}
		return state.toString();
	}

	/** The application's tables in the test schema, whatever migrations have added. */
	private List<String> tables() {
		Connection connection = DataSourceUtils.getConnection(Objects.requireNonNull(jdbc.getDataSource()));
		try {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE" })) {
				while (rows.next()) {
					String name = rows.getString("TABLE_NAME");
					// the audit log records every refused write: that is its job, not a change of state
					if (!name.toLowerCase(Locale.ROOT).startsWith("flyway") && !name.equalsIgnoreCase("audit_event")) {
						tables.add(name);
					}
				}
			}
			tables.sort(null);
			return tables;
		} catch (SQLException e) {
			throw new IllegalStateException(e);
		} finally {
			DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
		}
	}

	/** The lines of the state that differ, to say what a case changed. */
	private static String difference(String before, String after) {
		List<String> was = List.of(before.split("\n"));
		List<String> now = List.of(after.split("\n"));
		StringBuilder diff = new StringBuilder();
		for (String line : was) {
			if (!now.contains(line)) {
				diff.append("\n    - ").append(HostileCorpus.abbreviate(line, 400));
			}
		}
		for (String line : now) {
			if (!was.contains(line)) {
				diff.append("\n    + ").append(HostileCorpus.abbreviate(line, 400));
			}
		}
		return diff.toString();
	}
}

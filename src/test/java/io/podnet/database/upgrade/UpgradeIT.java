package io.podnet.database.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.ServiceProcess;
import io.podnet.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Upgrades keep data: a database written by an earlier release (a fixture in
 * src/test/resources/upgrade: its rows, made by that release's code, and its answers then) is
 * migrated by Flyway when today's podnet starts on it, on H2 and on PostgreSQL, and every resource
 * reads back exactly as that release answered, createdAt and resourceVersion included; the next
 * node and the next pod on every node get the addresses they got then. Every new migration must
 * keep this green. {@code -Dpodnet.upgrade.record=true} (re)records the fixture of today's schema
 * first, in the H2 run; commit what it writes.
 */
class UpgradeIT {

	@TempDir
	Path workDir;

	@BeforeAll
	static void recordTodaysFixture(@TempDir Path recordDir) throws Exception {
		if (Boolean.getBoolean("podnet.upgrade.record") && !"postgres".equals(TestDatabase.kind())) {
			FixtureRecorder.record(recordDir);
		}
	}

	static Stream<UpgradeFixture> fixtures() {
		return UpgradeFixture.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void everyResourceReadsBackTheSameAfterTheMigrations(UpgradeFixture fixture) throws Exception {
		long started = System.nanoTime();
		JsonNode recording = fixture.recording();
		try (UpgradeDatabase database = UpgradeDatabase.fresh(workDir)) {
			database.migrateTo(fixture.version());
			int statements;
			try (Connection db = database.connect()) {
				statements = SqlFixture.load(db, fixture.sql());
			}
			List<String> differences = new ArrayList<>();
			int compared = 0;
			try (ServiceProcess service = database.start()) {
				Api api = service.api();
				for (JsonNode answer : recording.path("answers")) {
					String path = answer.path("get").asString();
					Reply reply = api.get(path);
					compared++;
					if (reply.status() != 200 || !sameSinceThen(answer.path("body"), reply.json())) {
						differences.add("GET " + path + "\n  then: " + answer.path("body") + "\n  now:  " + reply);
					}
				}
				for (JsonNode create : recording.path("nextAllocations")) {
					String path = create.path("post").asString();
					Reply reply = api.post(path, create.path("request").toString());
					compared++;
					if (reply.status() != create.path("status").asInt()
							|| !sameSinceThen(create.path("answer"), FixtureRecorder.withoutCreatedAt(reply))) {
						differences.add("POST " + path + " " + create.path("request") + "\n  then: " + create.path("answer")
								+ "\n  now:  " + reply);
					}
				}
				service.stop();
			}
			String migratedTo = database.schemaVersion();
			System.out.printf("UpgradeIT %s on %s: %d statements loaded at V%s, migrated to V%s by the service; "
					+ "%d answers compared, %d differ; %d ms%n", fixture, TestDatabase.kind(), statements,
					fixture.version(), migratedTo, compared, differences.size(), (System.nanoTime() - started) / 1_000_000);
			assertThat(differences).as("answers that differ from what podnet answered at V%s", fixture.version())
					.isEmpty();
			assertThat(migratedTo).as("the service applies every migration").doesNotContain("pending");
		}
	}

	/**
	 * Members added to the answers since a fixture was recorded, with the value that every resource
	 * of an older release gets: labels and annotations (V10) are empty, and a list's
	 * metadata.resourceVersion (the watch revision, V11) is "0" as no change was recorded since.
	 */
	private static final Map<String, String> ADDED_SINCE = Map.of("labels", "{}", "annotations", "{}",
			"resourceVersion", "\"0\"");

	/**
	 * The lists added for dual-stack (V12), by the single-stack member each repeats: a resource of an
	 * older release has one family, so each list is that member's value alone.
	 */
	private static final Map<String, String> LIST_OF_ONE = Map.of("ipFamilies", "ipFamily", "nodeNetworks",
			"nodeNetwork", "gateways", "gateway", "podNetworks", "podNetwork", "nodeSubnetPrefixLengths",
			"nodeSubnetPrefixLength", "addresses", "address", "podSubnets", "podSubnet", "ips", "ip");

	/**
	 * Whether today's answer says what the old one said: every member then is there now with the
	 * same value, and a member added since is one of {@link #ADDED_SINCE}, with its value for old
	 * resources, or one of {@link #LIST_OF_ONE}, holding the old single value.
	 */
	private static boolean isListOfOne(JsonNode then, String name, JsonNode list) {
		String single = LIST_OF_ONE.get(name);
		return single != null && then.has(single) && list.isArray() && list.size() == 1
				&& list.path(0).equals(then.path(single));
	}

	static boolean sameSinceThen(JsonNode then, JsonNode now) {
		if (then.isObject() && now.isObject()) {
			for (String name : now.propertyNames()) {
				if (!then.has(name) && !now.path(name).toString().equals(ADDED_SINCE.get(name))
						&& !isListOfOne(then, name, now.path(name))) {
					return false;
				}
			}
			for (String name : then.propertyNames()) {
				if (!now.has(name) || !sameSinceThen(then.path(name), now.path(name))) {
					return false;
				}
			}
			return true;
		}
		if (then.isArray() && now.isArray()) {
			if (then.size() != now.size()) {
				return false;
			}
			for (int i = 0; i < then.size(); i++) {
				if (!sameSinceThen(then.path(i), now.path(i))) {
					return false;
				}
			}
			return true;
		}
		return then.equals(now);
	}
}

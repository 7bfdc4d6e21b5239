package io.podnet.database;

import static io.podnet.database.PostgresOutageIT.awaitAcknowledged;
import static io.podnet.database.PostgresOutageIT.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.LocalPostgres;
import io.podnet.support.ServiceProcess;
import io.podnet.support.chaos.Ledger;
import io.podnet.support.chaos.RanMarker;
import io.podnet.support.chaos.StoredState;
import io.podnet.support.chaos.WriteLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podnet on a highly available PostgreSQL: a primary with a synchronous streaming standby, and a
 * multi-host JDBC URL with targetServerType=primary. The primary crashes (stop -m immediate) under 8
 * writers and the standby is promoted, as Patroni or pg_auto_failover would do it. Meanwhile writes
 * answer 503, never 500; they flow again within seconds of the promotion, without a restart of
 * podnet; and every acknowledged write is on the new primary, none twice.
 */
@Tag("postgres-only")
class PostgresFailoverIT {

	private static final String CLUSTER = "failover";

	@TempDir
	Path workDir;

	@Test
	void aPromotedSynchronousStandbyHasEveryAcknowledgedWrite() {
		Assumptions.assumeTrue(LocalPostgres.unavailable().isEmpty(), () -> "skipped: " + LocalPostgres.unavailable().get());
		long seed = Long.getLong("podnet.test.seed", System.nanoTime());
		System.out.println("PostgresFailoverIT seed " + seed);
		// synchronous_commit stays on (the default): a commit returns once the standby has it too
		try (LocalPostgres primary = LocalPostgres.primary(Map.of("synchronous_standby_names", "'*'",
				"max_connections", "40"));
				// once promoted, it has no standby of its own to wait for: a copied '*' would hold every commit
				// (Patroni and pg_auto_failover rewrite this setting when they promote)
				LocalPostgres standby = LocalPostgres.standbyOf(primary, Map.of("max_connections", "40",
						"synchronous_standby_names", "''"))) {
			awaitSynchronousStandby(primary);
			primary.psql("postgres", "create database podnet");
			String url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
					+ "/podnet?targetServerType=primary";
			try (ServiceProcess service = new ServiceProcess(workDir, List.of("--spring.profiles.active=postgres"),
					Map.of("POSTGRES_URL", url, "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "")).start()) {
				Api api = service.api();
				assertThat(api.post("/api/v1/clusters", "{\"name\":\"" + CLUSTER + "\",\"nodeNetwork\":\"10.100.0.0/22\","
						+ "\"podNetwork\":\"10.244.0.0/16\"}").status()).isEqualTo(201);
				Ledger ledger = new Ledger();
				WriteLoad load = new WriteLoad(CLUSTER, ledger, service::api, 8, 40, "f", seed, true);
				long failedAt;
				long flowingAt;
				try {
					awaitAcknowledged(load, 300);
					long before = load.acknowledged();
					failedAt = System.nanoTime();
					primary.stop("immediate");
					sleep(1_000);
					standby.promote();
					awaitAcknowledged(load, before + 100);
					flowingAt = System.nanoTime();
					awaitAcknowledged(load, load.acknowledged() + 200);
				} finally {
					load.close();
				}
				long outageMillis = (flowingAt - failedAt) / 1_000_000;
				System.out.printf("failover: 100 more writes acknowledged %d ms after the primary died (promoted 1 s "
						+ "after); %d requests: %s; %d retried, %d settled by reading back; slowest %d ms%n", outageMillis,
						load.requests(), load.statuses(), load.retries(), load.settledByLookup(), load.slowestMillis());
				assertThat(load.serverErrors()).as("5xx other than 503").isEmpty();
				assertThat(load.unavailableWithoutRetryAfter()).as("503 without Retry-After").isEmpty();
				assertThat(service.logLines("Unexpected error")).as("500s in the service's log").isEmpty();
				assertThat(outageMillis).as("writes flowing again, ms after the primary died").isLessThan(30_000);

				StoredState stored = StoredState.read(api, CLUSTER);
				System.out.printf("acknowledged %d, stored on the promoted standby %d, lost %d, unsure %d%n",
						ledger.acknowledged(), stored.size(), stored.lost(ledger), ledger.unsureCount());
				assertThat(stored.violationsOf(ledger)).as("seed %d", seed).isEmpty();
				RanMarker.record("PostgresFailoverIT", "writes again " + outageMillis + " ms after the primary died, "
						+ stored.lost(ledger) + " lost");
			}
		}
	}

	private static void awaitSynchronousStandby(LocalPostgres primary) {
		for (int i = 0; i < 100; i++) {
			if ("sync".equals(primary.psql("postgres", "select sync_state from pg_stat_replication"))) {
				return;
			}
			sleep(100);
		}
		throw new AssertionError("the standby did not become a synchronous standby: "
				+ primary.psql("postgres", "select application_name, state, sync_state from pg_stat_replication"));
	}
}

package io.podnet.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.LocalPostgres;
import io.podnet.support.ServiceProcess;
import io.podnet.support.chaos.Ledger;
import io.podnet.support.chaos.RanMarker;
import io.podnet.support.chaos.Readiness;
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
 * PostgreSQL goes away and comes back while 16 clients write: first a restart, then 12 s in which
 * it refuses every connection. Meanwhile every request is answered within 10 s, and a refusal is
 * a 503 problem with Retry-After, never another 5xx nor a hang; readiness is DOWN while the
 * database is unreachable and UP after; podnet recovers by itself. The clients do what the README
 * tells them (retry a 503 or a lost answer; a 409 already-exists on the retry means the first
 * attempt committed), and afterwards nothing acknowledged is lost and nothing is held twice. The
 * server is the test's own ({@link LocalPostgres}), so stopping it disturbs nothing else.
 */
@Tag("postgres-only")
class PostgresOutageIT {

	private static final String CLUSTER = "outage";
	/** The bound on an answer during an outage: 5 s for a connection, with room for a slow machine. */
	private static final long BOUND_MILLIS = 10_000;

	@TempDir
	Path workDir;

	@Test
	void writesAnswer503WhileTheDatabaseIsAwayAndNothingAcknowledgedIsLost() {
		Assumptions.assumeTrue(LocalPostgres.unavailable().isEmpty(), () -> "skipped: " + LocalPostgres.unavailable().get());
		long seed = Long.getLong("podnet.test.seed", System.nanoTime());
		System.out.println("PostgresOutageIT seed " + seed);
		try (LocalPostgres postgres = LocalPostgres.primary(Map.of("max_connections", "40"))) {
			postgres.psql("postgres", "create database podnet");
			try (ServiceProcess service = new ServiceProcess(workDir, List.of("--spring.profiles.active=postgres"),
					Map.of("POSTGRES_URL", postgres.jdbcUrl("podnet"), "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", ""))
					.start(); Readiness readiness = new Readiness("http://127.0.0.1:" + service.port())) {
				Api api = service.api();
				assertThat(api.post("/api/v1/clusters", "{\"name\":\"" + CLUSTER + "\",\"nodeNetwork\":\"10.100.0.0/22\","
						+ "\"podNetwork\":\"10.244.0.0/16\"}").status()).isEqualTo(201);
				Ledger ledger = new Ledger();
				WriteLoad load = new WriteLoad(CLUSTER, ledger, service::api, 16, 40, "w", seed, true);
				try {
					awaitAcknowledged(load, 300);

					long restartAt = readiness.now();
					postgres.restart();
					awaitAcknowledged(load, load.acknowledged() + 300);
					System.out.printf("restart: writes flowed again %d ms after it began%n", readiness.now() - restartAt);

					long downAt = readiness.now();
					postgres.stop("fast");
					sleep(12_000);
					long upAt = readiness.now();
					postgres.start();
					awaitAcknowledged(load, load.acknowledged() + 300);
					long recoveredAt = readiness.now();
					System.out.printf("outage: 12 s refusing connections; writes flowed again %d ms after it came back%n",
							recoveredAt - upAt);

					assertThat(readiness.between(downAt + 6_000, upAt)).as("readiness while refusing connections")
							.isNotEmpty().noneMatch(Readiness.Sample::up);
					awaitReady(readiness);
				} finally {
					load.close();
				}
				System.out.printf("%d requests: %s; %d retried, %d creates settled by reading them back; slowest %d ms%n",
						load.requests(), load.statuses(), load.retries(), load.settledByLookup(), load.slowestMillis());
				assertThat(load.unavailable()).as("503s during the outages").isPositive();
				assertThat(load.serverErrors()).as("5xx other than 503").isEmpty();
				assertThat(load.unavailableWithoutRetryAfter()).as("503 without Retry-After").isEmpty();
				assertThat(load.slowestMillis()).as("slowest answer, ms").isLessThanOrEqualTo(BOUND_MILLIS);
				assertThat(service.logLines("Unexpected error")).as("500s in the service's log").isEmpty();

				StoredState stored = StoredState.read(api, CLUSTER);
				System.out.printf("acknowledged %d, stored %d, lost %d, unsure %d%n", ledger.acknowledged(), stored.size(),
						stored.lost(ledger), ledger.unsureCount());
				assertThat(stored.violationsOf(ledger)).as("seed %d", seed).isEmpty();
				RanMarker.record("PostgresOutageIT", ledger.acknowledged() + " acknowledged, " + stored.lost(ledger)
						+ " lost, " + load.unavailable() + " answered 503");
			}
		}
	}

	static void awaitAcknowledged(WriteLoad load, long target) {
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (load.acknowledged() < target) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("writes did not reach " + target + " acknowledged within 90 s (at "
						+ load.acknowledged() + "; answers so far " + load.statuses() + ")");
			}
			sleep(20);
		}
	}

	private static void awaitReady(Readiness readiness) {
		long deadline = readiness.now() + 30_000;
		while (readiness.now() < deadline) {
			List<Readiness.Sample> samples = readiness.samples();
			if (!samples.isEmpty() && samples.get(samples.size() - 1).up()) {
				return;
			}
			sleep(100);
		}
		throw new AssertionError("readiness not UP again 30 s after the database came back: " + readiness.samples());
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

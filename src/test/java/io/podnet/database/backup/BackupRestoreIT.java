package io.podnet.database.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.LocalPostgres;
import io.podnet.support.ServiceProcess;
import io.podnet.support.chaos.Ledger;
import io.podnet.support.chaos.RanMarker;
import io.podnet.support.chaos.WriteLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken with the documented command while 8 clients write, restored with the documented
 * commands into a fresh service, holds a consistent state that contains every write acknowledged
 * before the backup began and answers exactly as the original does for everything written before
 * it; a backup of the idle service restores to the same answers for every GET, and the allocators
 * go on from the same cursors (the next node and the next pod on every node get the same
 * addresses). On H2 through GET /api/v1/backup and unzip, on PostgreSQL through pg_dump and
 * pg_restore on a server of the test's own.
 */
class BackupRestoreIT {

	private static final String CLUSTER = "backup";
	private static final int CLIENTS = 8;
	private static final String CONTAINERS = "[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]}]";

	@TempDir
	Path root;

	@Test
	@Tag("h2-only")
	void h2BackupUnderLoadRestoresEveryAcknowledgedWriteAndTheCursors() {
		List<String> report = backUpAndRestore(new H2Deployment(root), "h2-backup");
		RanMarker.record("BackupRestoreIT/h2", String.join("; ", report));
	}

	@Test
	@Tag("postgres-only")
	void pgDumpUnderLoadRestoresEveryAcknowledgedWriteAndTheCursors() {
		Assumptions.assumeTrue(LocalPostgres.unavailable().isEmpty(), () -> "skipped: " + LocalPostgres.unavailable().get());
		try (LocalPostgres server = LocalPostgres.primary(Map.of())) {
			PostgresDeployment postgres = new PostgresDeployment(server, root);
			List<String> report = backUpAndRestore(postgres, "podnet_backup");
			RanMarker.record("BackupRestoreIT/postgres", String.join("; ", report));
		}
	}

	private static List<String> backUpAndRestore(Deployment deployment, String prefix) {
		long seed = Long.getLong("podnet.test.seed", System.nanoTime());
		System.out.println("BackupRestoreIT seed " + seed + " (rerun with -Dpodnet.test.seed=" + seed + ")");
		List<String> report = new ArrayList<>();
		try (ServiceProcess original = deployment.start(prefix + "_original")) {
			Ledger ledger = new Ledger();
			Seed.cluster(original.api(), CLUSTER, ledger);
			underLoad(deployment, original, ledger, seed, prefix, report);
			idle(deployment, original, prefix, report);
		}
		return report;
	}

	/**
	 * A backup taken while the clients write: what was acknowledged before it began is in it, the
	 * restored state is consistent, and it answers like the original about all the load did not
	 * change after the backup began.
	 */
	private static void underLoad(Deployment deployment, ServiceProcess original, Ledger ledger, long seed,
			String prefix, List<String> report) {
		int mark;
		Path backup;
		try (WriteLoad load = new WriteLoad(CLUSTER, ledger, original::api, CLIENTS, 30, "w", seed, false)) {
			awaitAcknowledged(load, 300);
			mark = ledger.mark();
			long before = load.acknowledged();
			long started = System.nanoTime();
			backup = deployment.backUp(original);
			long millis = (System.nanoTime() - started) / 1_000_000;
			long during = load.acknowledged() - before;
			report(report, String.format("under load: backup of %d bytes in %d ms, %d writes acknowledged meanwhile",
					size(backup), millis, during));
			assertThat(during).as("writes acknowledged while the backup ran").isPositive();
			load.close();
			System.out.printf("load: %d requests %s%n", load.requests(), load.statuses());
			assertThat(load.serverErrors()).as("5xx answers to the load").isEmpty();
			assertThat(ledger.unsureCount()).as("writes without an answer").isZero();
		}
		ServedState originalAfterLoad = ServedState.read(original.api(), CLUSTER);
		try (ServiceProcess restored = deployment.restore(backup, prefix + "_restored")) {
			ServedState state = ServedState.read(restored.api(), CLUSTER);
			assertThat(Consistency.violations(state)).as("the restored state's consistency").isEmpty();
			BackupLedger owed = BackupLedger.check(state, ledger, mark);
			assertThat(owed.violations()).as("acknowledged before the backup").isEmpty();
			Unchanged unchanged = Unchanged.compare(originalAfterLoad, state, ledger, mark);
			assertThat(unchanged.differences()).as("answers about what no write changed after the backup began")
					.isEmpty();
			report(report, String.format("restored it: %d nodes, %d pods, consistent; %d writes acknowledged before "
					+ "the backup all kept (%d of those pods deleted by writes in flight excepted); %d answers "
					+ "byte-identical to the original's, %d left out (lists, and what writes after the mark changed)",
					state.nodes().size(), state.pods().size(), owed.acknowledged(), owed.deletedMeanwhile(),
					unchanged.identical(), unchanged.skipped()));
		}
	}

	/** A backup of the idle service: every answer the same, and the allocators go on from the same cursors. */
	private static void idle(Deployment deployment, ServiceProcess original, String prefix, List<String> report) {
		ServedState idle = ServedState.read(original.api(), CLUSTER);
		long started = System.nanoTime();
		Path backup = deployment.backUp(original);
		long backupMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		try (ServiceProcess copy = deployment.restore(backup, prefix + "_quiescent")) {
			long restoreMillis = (System.nanoTime() - started) / 1_000_000;
			ServedState state = ServedState.read(copy.api(), CLUSTER);
			assertThat(state.differencesFrom(idle, 5)).as("answers of the restored idle backup").isEmpty();
			assertThat(Consistency.violations(state)).isEmpty();
			if (deployment instanceof PostgresDeployment postgres) {
				assertThat(postgres.identitySequences(copy)).as("identity sequences after pg_restore")
						.isEqualTo(postgres.identitySequences(original));
			}
			int probes = NextAllocations.compare(original.api(), copy.api(), CLUSTER, idle.nodes().keySet());
			report(report, String.format("idle: backup of %d bytes in %d ms, restored and started in %d ms; %d "
					+ "answers identical; %d next allocations identical", size(backup), backupMillis, restoreMillis,
					state.answers().size(), probes));
		}
	}

	private static void report(List<String> report, String line) {
		report.add(line);
		System.out.println(line);
	}

	private static void awaitAcknowledged(WriteLoad load, long target) {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (load.acknowledged() < target) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("writes did not reach " + target + " acknowledged within 120 s (at "
						+ load.acknowledged() + "; answers so far " + load.statuses() + ")");
			}
			try {
				Thread.sleep(10);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package replicas;

import static replicas.Log.say;
import static replicas.Options.maxSeconds;
import static replicas.Options.replicas;

import java.util.concurrent.TimeUnit;

/**
 * podnet's multi-replica chaos test (issue 7): load and checks against two podnet replicas that
 * share one PostgreSQL, with one replica killed by SIGKILL and restarted while the load runs.
 * Plain JDK (java.net.http, a fixed thread pool); the files of scripts/replicas/ are compiled with
 * {@code javac -d DIR} and run as
 * {@code java -cp DIR replicas.ReplicaChaos --replica A=http://127.0.0.1:P1 --replica B=... --work DIR ...},
 * normally by {@code scripts/replicas-test.sh}, which starts and stops the replicas and then checks
 * the invariants in the database from the files this program writes into the work directory.
 *
 * <p>Phases: a cluster created by two racing requests (one 201, one 409; {@link ClusterRace}); nodes
 * created concurrently through both replicas, every name twice (one 201, one 409; {@link NodeRace});
 * then N clients spread over both replicas create pods (with and without nodeName), delete and
 * re-create some, re-send creates of existing names and race on shared names (409s), and read their
 * own writes back through the other replica ({@link PodLoad}, {@link Client}). Once a share of the
 * target is reached, the victim replica is killed with {@code kill -9} ({@link KillRestart});
 * requests that got no HTTP answer are retried on the other replica (only those; {@link Http}), and
 * an ambiguous create (no answer, then 409 on retry) is resolved with a GET ({@link OwnPodWrites}).
 * The victim is restarted by {@code --restart-command} and gets traffic again. Finally every replica
 * is read back through the API and compared with what was acknowledged ({@link Expected},
 * {@link ApiCheck}), and the counts are printed ({@link Report}).
 *
 * <p>Exit status: 0 when nothing was violated, 1 when something was (each violation printed),
 * 2 on a setup failure.
 */
public final class ReplicaChaos {

	private ReplicaChaos() {
	}

	public static void main(String[] args) throws Exception {
		// every timestamp and the deadline count from here, the program's start
		long started = Log.started;
		try {
			Options.parse(args);
		} catch (RuntimeException e) {
			System.err.println("usage error: " + e.getMessage());
			System.exit(2);
		}
		PodLoad.deadline = started + TimeUnit.SECONDS.toNanos(maxSeconds);
		int exit;
		try {
			exit = run();
		} catch (SetupFailure e) {
			System.err.println("SETUP FAILED: " + e.getMessage());
			exit = 2;
		}
		System.out.flush();
		System.exit(exit);
	}

	static int run() throws Exception {
		for (Replica r : replicas) {
			if (!r.healthy()) {
				throw new SetupFailure("replica " + r.name + " at " + r.base + " is not healthy");
			}
		}
		say("replicas up: " + replicas.stream().map(r -> r.name + "=" + r.base).toList());
		ClusterRace.run();
		NodeRace.run();
		PodLoad.run();

		Expected expected = Expected.collect();
		expected.write();
		ApiCheck.run(expected);
		Report.print(expected);
		return Violations.violationCount.get() == 0 ? 0 : 1;
	}
}

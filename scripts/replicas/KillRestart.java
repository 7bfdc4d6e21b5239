package replicas;

import static replicas.Ledger.livePods;
import static replicas.Log.event;
import static replicas.Log.ms;
import static replicas.Options.afterRestartAnswers;
import static replicas.Options.downSeconds;
import static replicas.Options.killAt;
import static replicas.Options.replicas;
import static replicas.Options.restartCommand;
import static replicas.Options.targetPods;
import static replicas.Options.victimName;
import static replicas.Options.work;
import static replicas.Violations.violation;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The chaos, on a thread of its own while the clients load: once a share of the target is live,
 * the victim replica is killed with {@code kill -9}, stays down a while, is restarted by the
 * restart command, and must answer requests again.
 */
final class KillRestart {

	/** The whole cycle completed: the restarted victim answered {@code --after-restart-answers} requests. */
	static volatile boolean done;

	private KillRestart() {
	}

	static void run() {
		Replica victim = replicas.stream().filter(r -> r.name.equals(victimName)).findFirst().orElseThrow();
		try {
			while (livePods.get() < killAt * targetPods) {
				if (PodLoad.stop || System.nanoTime() > PodLoad.deadline) {
					event("chaos: load ended before the kill point");
					return;
				}
				Thread.sleep(50);
			}
			long pid = Long.parseLong(Files.readString(work.resolve(victim.name + ".pid")).trim());
			event("chaos: kill -9 " + victim.name + " (pid " + pid + ") at " + livePods.get() + " live pods, "
					+ victim.inFlight.get() + " requests in flight on it");
			Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				violation("kill -9 " + pid + " failed");
				return;
			}
			for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
				Thread.sleep(100);
			}
			victim.killedAt = System.nanoTime();
			event("chaos: " + victim.name + " is gone; clients continue on the others for " + downSeconds + " s");
			Thread.sleep(TimeUnit.SECONDS.toMillis(downSeconds));
			event("chaos: restarting " + victim.name + " (" + restartCommand + ")");
			Process restart = new ProcessBuilder("bash", "-c", restartCommand)
					.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
					.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
			if (!restart.waitFor(30, TimeUnit.SECONDS) || restart.exitValue() != 0) {
				violation("the restart command failed");
				return;
			}
			long t0 = System.nanoTime();
			while (!victim.healthy()) {
				if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
					violation("replica " + victim.name + " not healthy 120 s after its restart");
					return;
				}
				Thread.sleep(250);
			}
			victim.restartedAt = System.nanoTime();
			long answersAtRestart = victim.answers.sum();
			event("chaos: " + victim.name + " healthy again after " + ms(System.nanoTime() - t0) + " ms; sending it traffic");
			while (victim.answers.sum() - answersAtRestart < afterRestartAnswers) {
				if (System.nanoTime() > PodLoad.deadline) {
					violation("the restarted replica answered only " + (victim.answers.sum() - answersAtRestart)
							+ " requests before the deadline");
					return;
				}
				Thread.sleep(50);
			}
			event("chaos: restarted " + victim.name + " has answered " + afterRestartAnswers + " requests");
			done = true;
		} catch (Exception e) {
			violation("chaos thread failed: " + e);
		}
	}
}

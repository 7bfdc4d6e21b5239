package replicas;

import static replicas.Counts.pod201;
import static replicas.Counts.pod204;
import static replicas.Counts.requests;
import static replicas.Counts.retried;
import static replicas.Counts.status5xx;
import static replicas.Ledger.livePods;
import static replicas.Log.say;
import static replicas.Log.seconds;
import static replicas.Options.clients;
import static replicas.Options.maxSeconds;
import static replicas.Options.targetPods;
import static replicas.Violations.violation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The pod load: the clients spread over the replicas until the target is live and the kill/restart
 * cycle is done (or the deadline or the clients' op limit comes), a progress line every 5 s.
 */
final class PodLoad {

	static volatile long deadline;
	static volatile boolean stop;
	static final List<Client> clientStates = new ArrayList<>();

	private PodLoad() {
	}

	static void run() throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Client c = new Client(i);
			clientStates.add(c);
			futures.add(pool.submit(() -> {
				c.run();
				return null;
			}));
		}
		Thread chaos = new Thread(KillRestart::run, "chaos");
		chaos.setDaemon(true);
		chaos.start();
		Thread progress = new Thread(PodLoad::progress, "progress");
		progress.setDaemon(true);
		progress.start();

		for (Future<?> f : futures) {
			try {
				f.get(maxSeconds + 60L, TimeUnit.SECONDS);
			} catch (Exception e) {
				violation("a client failed: " + e);
			}
		}
		pool.shutdownNow();
		stop = true;
		chaos.join(TimeUnit.SECONDS.toMillis(150));
		long loadSeconds = (System.nanoTime() - Log.started) / 1_000_000_000L;
		if (!KillRestart.done) {
			violation("the kill/restart cycle did not complete within the run (see the timeline)");
		}
		if (livePods.get() < targetPods) {
			violation("only " + livePods.get() + " acknowledged live pods, fewer than the target " + targetPods
					+ " (deadline " + maxSeconds + " s or max ops reached)");
		}
		say("load done after " + loadSeconds + " s; checking through the API");
	}

	static void progress() {
		while (!stop) {
			try {
				Thread.sleep(5000);
			} catch (InterruptedException e) {
				return;
			}
			if (!stop) {
				say(String.format("  %5.1f s: %d live pods, %d creates (201), %d deletes (204), %d requests, %d retried, "
						+ "%d 409s, %d 5xx", seconds(), livePods.get(), pod201.sum(), pod204.sum(), requests.sum(),
						retried.sum(), Counts.conflicts(), status5xx.sum()));
			}
		}
	}
}

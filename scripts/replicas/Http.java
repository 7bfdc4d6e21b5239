package replicas;

import static replicas.Counts.conflictsByType;
import static replicas.Counts.connectFailures;
import static replicas.Counts.lostInFlight;
import static replicas.Counts.pod201;
import static replicas.Counts.pod204;
import static replicas.Counts.requests;
import static replicas.Counts.retried;
import static replicas.Counts.serverErrors;
import static replicas.Counts.status5xx;
import static replicas.Counts.statusByOp;
import static replicas.Log.seconds;
import static replicas.Options.clients;
import static replicas.Options.replicas;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Requests to the replicas: retried on the next replica when no HTTP answer came, and counted. */
final class Http {

	static final String API = "/api/v1/clusters/";
	static final int MAX_ATTEMPTS = 8;
	/** The replicas' admin secret: replicas-test.sh starts them with it and exports it to this program. */
	static final String ADMIN_TOKEN = System.getenv().getOrDefault("PODNET_ADMIN_TOKEN", "");
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private Http() {
	}

	/**
	 * Sends the request to replica {@code turn % n}; when it gets no HTTP answer (connection refused,
	 * reset, timeout) it retries on the next replica, a bounded number of times. {@code ambiguous}:
	 * some attempt may have reached the server (anything but a refused connection), so the outcome
	 * of a write is unknown until a later answer settles it.
	 */
	static Answer call(String op, String method, String path, String json, int turn) {
		boolean ambiguous = false;
		boolean timedOut = false;
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Replica r = replicas.get(Math.floorMod(turn + attempt, replicas.size()));
			if (attempt > 0) {
				retried.increment();
				sleep(Math.min(40L * attempt, 300L));
			}
			HttpRequest.Builder b = HttpRequest.newBuilder(r.base.resolve(path)).timeout(REQUEST_TIMEOUT)
					.header("Accept", "application/json, application/problem+json")
					.header("Authorization", "Bearer " + ADMIN_TOKEN);
			if (json != null) {
				b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
			} else {
				b.method(method, HttpRequest.BodyPublishers.noBody());
			}
			requests.increment();
			r.inFlight.incrementAndGet();
			try {
				HttpResponse<String> resp = r.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
				r.answers.increment();
				int status = resp.statusCode();
				statusByOp.computeIfAbsent(op + " " + status, k -> new LongAdder()).increment();
				Answer answer = new Answer(status, resp.body(), r, ambiguous, timedOut);
				if (status >= 500) {
					status5xx.increment();
					serverErrors.add(String.format("%.1fs %s %s %s via %s -> %d %s", seconds(), op, method, path, r.name,
							status, resp.body()));
				} else if (status == 409) {
					conflictsByType.computeIfAbsent(op + " " + answer.problemType(), k -> new LongAdder()).increment();
				} else if (status == 201 && op.startsWith("pod.")) {
					pod201.increment();
				} else if (status == 204 && op.startsWith("pod.")) {
					pod204.increment();
				}
				return answer;
			} catch (ConnectException e) {
				connectFailures.increment();
				r.noAnswer.increment();
			} catch (java.net.http.HttpTimeoutException e) {
				// the replica may still be working on it, and commit it later
				ambiguous = true;
				timedOut = true;
				lostInFlight.increment();
				r.noAnswer.increment();
			} catch (IOException e) {
				ambiguous = true;
				lostInFlight.increment();
				r.noAnswer.increment();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new Answer(-1, null, r, true);
			} finally {
				r.inFlight.decrementAndGet();
			}
		}
		statusByOp.computeIfAbsent(op + " no-answer", k -> new LongAdder()).increment();
		return new Answer(-1, null, null, ambiguous, timedOut);
	}

	/** One GET of the final checks, to one replica, not retried; a 5xx is counted and recorded. */
	static Answer callOne(Replica r, String path) {
		try {
			HttpResponse<String> resp = r.http.send(HttpRequest.newBuilder(r.base.resolve(path))
					.header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
			if (resp.statusCode() >= 500) {
				status5xx.increment();
				serverErrors.add("check GET " + path + " via " + r.name + " -> " + resp.statusCode() + " " + resp.body());
			}
			return new Answer(resp.statusCode(), resp.body(), r, false);
		} catch (IOException e) {
			return new Answer(-1, String.valueOf(e), r, false);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Answer(-1, "interrupted", r, false);
		}
	}

	interface IndexedCall {
		Answer call(int i);
	}

	/** {@code count} calls at once (as many at a time as there are clients), answers in call order. */
	static List<Answer> parallel(int count, IndexedCall call) {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Answer>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> call.call(index)));
			}
			List<Answer> answers = new ArrayList<>();
			for (Future<Answer> f : futures) {
				answers.add(f.get(120, TimeUnit.SECONDS));
			}
			return answers;
		} catch (Exception e) {
			throw new SetupFailure("parallel requests failed: " + e);
		} finally {
			pool.shutdownNow();
		}
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}

package io.podnet.support.chaos;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Clients writing to one cluster at once: pods created with and without a node name, some deleted,
 * nodes added. Every answer goes into the {@link Ledger}: a 2xx is acknowledged, a refusal (4xx)
 * changed nothing, a 503 or a lost connection leaves the write unsure. Any other 5xx is counted
 * as a server error, which no outage excuses.
 */
public final class WriteLoad implements AutoCloseable {

	private final String cluster;
	private final Ledger ledger;
	private final Supplier<Api> api;
	private final int maxNodes;
	private final boolean retrying;
	private final ExecutorService clients;
	private volatile boolean stopped;

	private final LongAdder requests = new LongAdder();
	private final LongAdder acknowledged = new LongAdder();
	private final LongAdder refused = new LongAdder();
	private final LongAdder unavailable = new LongAdder();
	private final LongAdder connectionLost = new LongAdder();
	private final LongAdder retries = new LongAdder();
	private final LongAdder settledByLookup = new LongAdder();
	private final AtomicLong slowestMillis = new AtomicLong();
	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
	private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
	private final ConcurrentLinkedQueue<String> unavailableWithoutRetryAfter = new ConcurrentLinkedQueue<>();

	/**
	 * Starts {@code clientCount} clients at once. {@code api} is asked for a client before every
	 * request, so a test may point them at another replica. Node names and pod names carry the
	 * round, so rounds never reuse a name. A {@code retrying} client does what the README tells
	 * clients to do with a 503 or a lost answer: it sends the same write again (after Retry-After)
	 * until it is settled, and reads back a create that answers 409 already-exists, which means an
	 * earlier attempt committed; the others leave such writes unsure.
	 */
	public WriteLoad(String cluster, Ledger ledger, Supplier<Api> api, int clientCount, int maxNodes, String round,
			long seed, boolean retrying) {
		this.cluster = cluster;
		this.ledger = ledger;
		this.api = api;
		this.maxNodes = maxNodes;
		this.retrying = retrying;
		this.clients = Executors.newFixedThreadPool(clientCount);
		for (int c = 0; c < clientCount; c++) {
			String client = round + "c" + c;
			SplittableRandom random = new SplittableRandom(seed * 1_000 + c);
			clients.submit(() -> run(client, random));
		}
	}

	private void run(String client, SplittableRandom random) {
		List<String> ownPods = new ArrayList<>();
		for (int sequence = 0; !stopped; sequence++) {
			double dice = random.nextDouble();
			if (dice < 0.10 && ledger.nodes().size() < maxNodes) {
				createNode(client + "-n" + sequence);
			} else if (dice < 0.25 && !ownPods.isEmpty()) {
				deletePod(ownPods.remove(random.nextInt(ownPods.size())));
			} else {
				String name = "team-" + random.nextInt(4) + "/" + client + "-p" + sequence;
				String node = random.nextBoolean() ? anyNode(random) : null;
				if (createPod(name, node)) {
					ownPods.add(name);
				}
			}
		}
	}

	private void createNode(String name) {
		String path = "/api/v1/clusters/" + cluster + "/nodes";
		Reply reply = send(name, a -> a.post(path, "{\"name\":\"" + name + "\"}"), path + "/" + name);
		if (reply != null && reply.status() / 100 == 2) {
			JsonNode node = reply.json();
			ledger.nodeCreated(new Ledger.Node(name, node.path("address").asString(), node.path("podSubnet").asString()));
		}
	}

	private boolean createPod(String name, String node) {
		String[] parts = name.split("/");
		String body = "{\"name\":\"" + parts[1] + "\"" + (node == null ? "" : ",\"nodeName\":\"" + node + "\"")
				+ ",\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]}]}";
		String path = "/api/v1/clusters/" + cluster + "/namespaces/" + parts[0] + "/pods";
		Reply reply = send(name, a -> a.post(path, body), path + "/" + parts[1]);
		if (reply != null && reply.status() / 100 == 2) {
			JsonNode pod = reply.json();
			ledger.podCreated(new Ledger.Pod(name, pod.path("ip").asString(), pod.path("nodeName").asString()));
			return true;
		}
		return false;
	}

	private void deletePod(String name) {
		String[] parts = name.split("/");
		Reply reply = send(name, a -> a.delete("/api/v1/clusters/" + cluster + "/namespaces/" + parts[0] + "/pods/"
				+ parts[1]), null);
		if (reply == null || reply.status() == 503) {
			ledger.deleteUnsure(name);
		} else if (reply.status() == 204 || (reply.status() == 404 && ledger.isUnsure(name))) {
			// a 404 after an unanswered attempt: that attempt deleted it
			ledger.podDeleted(name);
		}
	}

	/**
	 * Sends the write; a retrying client sends it again after a 503 or a lost answer until it is
	 * settled. A create answered 409 already-exists after such an attempt is read back with GET
	 * {@code location}: the earlier attempt committed, and the object is what the client gets.
	 */
	private Reply send(String resource, Function<Api, Reply> request, String location) {
		Reply reply = send(resource, request);
		boolean unanswered = reply == null || reply.status() == 503 || reply.status() == 0;
		if (!retrying || !unanswered) {
			return reply;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			pause(reply);
			retries.increment();
			reply = send(resource, request);
			if (reply != null && reply.status() == 409 && reply.body().contains("already-exists") && location != null) {
				Reply existing = send(resource, a -> a.get(location));
				if (existing != null && existing.status() == 200) {
					settledByLookup.increment();
					return existing;
				}
			} else if (reply != null && reply.status() != 503 && reply.status() != 0) {
				return reply;
			}
		}
		return reply;
	}

	private String anyNode(SplittableRandom random) {
		List<String> names = new ArrayList<>(ledger.nodes().keySet());
		return names.isEmpty() ? null : names.get(random.nextInt(names.size()));
	}

	private static void pause(Reply reply) {
		long millis = reply != null && reply.retryAfter() != null ? Long.parseLong(reply.retryAfter()) * 1000 : 200;
		try {
			Thread.sleep(Math.min(millis, 2_000));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** One request; null when its answer was lost (then the write is unsure). */
	private Reply send(String resource, Function<Api, Reply> request) {
		requests.increment();
		long start = System.nanoTime();
		try {
			Reply reply = request.apply(api.get());
			statuses.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
			if (reply.status() / 100 == 2) {
				acknowledged.increment();
			} else if (reply.status() == 503) {
				unavailable.increment();
				ledger.unsure(resource);
				if (reply.retryAfter() == null) {
					unavailableWithoutRetryAfter.add(reply.toString());
				}
			} else if (reply.status() >= 500) {
				serverErrors.add(reply.toString());
			} else {
				refused.increment();
			}
			return reply;
		} catch (RuntimeException e) {
			if (rootCause(e) instanceof ConnectException) {
				// refused before anything was sent: the write cannot have happened
				return new Reply(0, "", null, null, null, "");
			}
			connectionLost.increment();
			ledger.unsure(resource);
			return null;
		} finally {
			slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
		}
	}

	private static Throwable rootCause(Throwable e) {
		Throwable cause = e;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** Stops the clients after their current request. */
	@Override
	public void close() {
		stopped = true;
		clients.shutdown();
		try {
			if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
				clients.shutdownNow();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	public long acknowledged() {
		return acknowledged.sum();
	}

	public long requests() {
		return requests.sum();
	}

	public long unavailable() {
		return unavailable.sum();
	}

	public long connectionLost() {
		return connectionLost.sum();
	}

	public long retries() {
		return retries.sum();
	}

	/** Creates that answered 409 already-exists on a retry and were read back: the lost attempt had committed. */
	public long settledByLookup() {
		return settledByLookup.sum();
	}

	public long refused() {
		return refused.sum();
	}

	public long slowestMillis() {
		return slowestMillis.get();
	}

	public List<String> serverErrors() {
		return List.copyOf(serverErrors);
	}

	public List<String> unavailableWithoutRetryAfter() {
		return List.copyOf(unavailableWithoutRetryAfter);
	}

	public Map<Integer, Long> statuses() {
		Map<Integer, Long> counts = new java.util.TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return counts;
	}
}

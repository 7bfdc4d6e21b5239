import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * podnet's multi-replica chaos test (issue 7): load and checks against two podnet replicas that
 * share one PostgreSQL, with one replica killed by SIGKILL and restarted while the load runs.
 * Plain JDK (java.net.http, a fixed thread pool), run as
 * {@code java scripts/ReplicaChaos.java --replica A=http://127.0.0.1:P1 --replica B=... --work DIR ...},
 * normally by {@code scripts/replicas-test.sh}, which starts and stops the replicas and then checks
 * the invariants in the database from the files this program writes into the work directory.
 *
 * <p>Phases: a cluster created by two racing requests (one 201, one 409); nodes created
 * concurrently through both replicas, every name twice (one 201, one 409); then N clients spread
 * over both replicas create pods (with and without nodeName), delete and re-create some, re-send
 * creates of existing names and race on shared names (409s), and read their own writes back
 * through the other replica. Once a share of the target is reached, the victim replica is killed
 * with {@code kill -9}; requests that got no HTTP answer are retried on the other replica (only
 * those), and an ambiguous create (no answer, then 409 on retry) is resolved with a GET. The
 * victim is restarted by {@code --restart-command} and gets traffic again. Finally every replica
 * is read back through the API and compared with what was acknowledged.
 *
 * <p>Exit status: 0 when nothing was violated, 1 when something was (each violation printed),
 * 2 on a setup failure.
 */
public class ReplicaChaos {

	// ------------------------------------------------------------------ options

	static final List<Replica> replicas = new ArrayList<>();
	static Path work;
	static int clients = 16;
	static int nodeCount = 60;
	static int targetPods = 10_000;
	static double killAt = 0.4;
	static String victimName = "B";
	static int downSeconds = 6;
	static int afterRestartAnswers = 600;
	static int maxSeconds = 300;
	static int maxOpsPerClient = 4_000;
	static String restartCommand;
	static String cluster = "chaos";
	static long seed = 7;
	static boolean strict;

	static final String API = "/api/v1/clusters/";
	static final int MAX_ATTEMPTS = 8;
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	// ------------------------------------------------------------------ shared state

	static final long started = System.nanoTime();
	static volatile long deadline;
	static volatile boolean stop;
	static volatile boolean chaosDone;
	static volatile List<String> nodeNames = List.of();
	static final AtomicInteger livePods = new AtomicInteger();
	static final AtomicInteger dupSequence = new AtomicInteger();

	static final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
	static final AtomicInteger violationCount = new AtomicInteger();
	static final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();

	static final LongAdder requests = new LongAdder();
	static final LongAdder retried = new LongAdder();
	static final LongAdder connectFailures = new LongAdder();
	static final LongAdder lostInFlight = new LongAdder();
	static final LongAdder ambiguousCreates = new LongAdder();
	static final LongAdder ambiguousCreatesCommitted = new LongAdder();
	static final LongAdder ambiguousCreatesNotCommitted = new LongAdder();
	static final LongAdder ambiguousDeletes = new LongAdder();
	static final LongAdder unresolved = new LongAdder();
	static final LongAdder status5xx = new LongAdder();
	static final LongAdder spurious409 = new LongAdder();
	static final ConcurrentLinkedQueue<String> spuriousExamples = new ConcurrentLinkedQueue<>();
	static final Map<String, LongAdder> statusByOp = new ConcurrentHashMap<>();
	static final Map<String, LongAdder> conflictsByType = new ConcurrentHashMap<>();
	static final LongAdder pod201 = new LongAdder();
	static final LongAdder pod204 = new LongAdder();
	static final Map<String, DupName> dupNames = new ConcurrentHashMap<>();
	static final Map<String, String[]> ackedNodes = new ConcurrentHashMap<>();
	static final List<Client> clientStates = new ArrayList<>();
	static final List<String> timeline = new ArrayList<>();
	/** Every acknowledged pod write (201, 204, and creates settled by a GET), for the post-mortem. */
	static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

	public static void main(String[] args) throws Exception {
		try {
			parse(args);
		} catch (RuntimeException e) {
			System.err.println("usage error: " + e.getMessage());
			System.exit(2);
		}
		deadline = started + TimeUnit.SECONDS.toNanos(maxSeconds);
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

	static void parse(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + a);
			}
			String v = args[++i];
			switch (a) {
				case "--replica" -> {
					String[] nv = v.split("=", 2);
					URI base = URI.create(nv[1]);
					if (!"127.0.0.1".equals(base.getHost())) {
						throw new IllegalArgumentException("replicas must be on 127.0.0.1: " + v);
					}
					replicas.add(new Replica(nv[0], base));
				}
				case "--work" -> work = Path.of(v);
				case "--clients" -> clients = Integer.parseInt(v);
				case "--nodes" -> nodeCount = Integer.parseInt(v);
				case "--pods" -> targetPods = Integer.parseInt(v);
				case "--kill-at" -> killAt = Double.parseDouble(v);
				case "--victim" -> victimName = v;
				case "--down-seconds" -> downSeconds = Integer.parseInt(v);
				case "--after-restart-answers" -> afterRestartAnswers = Integer.parseInt(v);
				case "--max-seconds" -> maxSeconds = Integer.parseInt(v);
				case "--max-ops-per-client" -> maxOpsPerClient = Integer.parseInt(v);
				case "--restart-command" -> restartCommand = v;
				case "--cluster" -> cluster = v;
				case "--seed" -> seed = Long.parseLong(v);
				case "--strict" -> strict = Boolean.parseBoolean(v);
				default -> throw new IllegalArgumentException("unknown option " + a);
			}
		}
		if (replicas.size() < 2 || work == null || restartCommand == null) {
			throw new IllegalArgumentException("need two --replica NAME=URL, --work DIR and --restart-command CMD");
		}
		if (replicas.stream().noneMatch(r -> r.name.equals(victimName))) {
			throw new IllegalArgumentException("--victim " + victimName + " is not a replica");
		}
	}

	// ------------------------------------------------------------------ the run

	static int run() throws Exception {
		for (Replica r : replicas) {
			if (!r.healthy()) {
				throw new SetupFailure("replica " + r.name + " at " + r.base + " is not healthy");
			}
		}
		say("replicas up: " + replicas.stream().map(r -> r.name + "=" + r.base).toList());
		createCluster();
		createNodes();

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
		Thread chaos = new Thread(ReplicaChaos::chaos, "chaos");
		chaos.setDaemon(true);
		chaos.start();
		Thread progress = new Thread(ReplicaChaos::progress, "progress");
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
		long loadSeconds = (System.nanoTime() - started) / 1_000_000_000L;
		if (!chaosDone) {
			violation("the kill/restart cycle did not complete within the run (see the timeline)");
		}
		if (livePods.get() < targetPods) {
			violation("only " + livePods.get() + " acknowledged live pods, fewer than the target " + targetPods
					+ " (deadline " + maxSeconds + " s or max ops reached)");
		}
		say("load done after " + loadSeconds + " s; checking through the API");

		Expected expected = expected();
		expected.write();
		checkThroughApi(expected);
		report(expected);
		return violationCount.get() == 0 ? 0 : 1;
	}

	static void createCluster() {
		String body = "{\"name\":\"" + cluster + "\",\"nodeNetwork\":\"10.100.0.0/24\",\"podNetwork\":\"10.0.0.0/14\","
				+ "\"nodeSubnetPrefixLength\":23,\"maxPodsPerNode\":500}";
		// the same cluster created through both replicas at once: exactly one 201
		List<Answer> answers = parallel(replicas.size(), i -> call("cluster.create", "POST", "/api/v1/clusters", body, i));
		long created = answers.stream().filter(a -> a.status == 201).count();
		long conflicts = answers.stream().filter(a -> a.status == 409).count();
		if (created != 1 || created + conflicts != answers.size()) {
			violation("racing cluster creates answered " + answers.stream().map(a -> a.status).toList()
					+ "; expected one 201 and 409 for the others");
		}
		if (created == 0) {
			Answer again = call("cluster.create", "POST", "/api/v1/clusters", body, 0);
			if (again.status != 201 && again.status != 409) {
				throw new SetupFailure("cannot create cluster: " + again.status + " " + again.body);
			}
		}
	}

	static void createNodes() {
		// every name twice, through different replicas at the same moment: exactly one 201 each
		List<String> names = new ArrayList<>();
		for (int i = 0; i < nodeCount; i++) {
			names.add(String.format("node-%03d", i));
		}
		List<Answer> answers = parallel(names.size() * 2,
				i -> call("node.create", "POST", API + cluster + "/nodes", "{\"name\":\"" + names.get(i / 2) + "\"}", i));
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			Answer first = answers.get(2 * i);
			Answer second = answers.get(2 * i + 1);
			int created = (first.status == 201 ? 1 : 0) + (second.status == 201 ? 1 : 0);
			if (created > 1) {
				violation("node " + name + " created twice: both racing creates answered 201");
			}
			for (Answer a : List.of(first, second)) {
				if (a.status == 201) {
					Json n = Json.parse(a.body);
					ackedNodes.put(name, new String[] { n.str("address"), n.str("podSubnet") });
				} else if (a.status != 409) {
					violation("node create " + name + " answered " + a.status + " " + a.body);
				}
			}
			if (created == 0) {
				// both lost (e.g. one 409 in-use on a constraint race): try once more, sequentially
				Answer again = call("node.create", "POST", API + cluster + "/nodes", "{\"name\":\"" + name + "\"}", i);
				if (again.status == 201) {
					Json n = Json.parse(again.body);
					ackedNodes.put(name, new String[] { n.str("address"), n.str("podSubnet") });
				} else {
					violation("node " + name + " could not be created: " + again.status + " " + again.body);
				}
			}
		}
		Set<String> addresses = new HashSet<>();
		Set<String> subnets = new HashSet<>();
		ackedNodes.forEach((name, as) -> {
			if (!addresses.add(as[0])) {
				violation("two nodes were answered the same address " + as[0]);
			}
			if (!subnets.add(as[1])) {
				violation("two nodes were answered the same pod subnet " + as[1]);
			}
		});
		nodeNames = List.copyOf(new TreeMap<>(ackedNodes).keySet());
		say(nodeNames.size() + " nodes created through both replicas (" + names.size() * 2 + " racing creates)");
		if (nodeNames.size() < 50) {
			throw new SetupFailure("only " + nodeNames.size() + " nodes; need at least 50");
		}
	}

	// ------------------------------------------------------------------ chaos: kill -9, restart

	static void chaos() {
		Replica victim = replicas.stream().filter(r -> r.name.equals(victimName)).findFirst().orElseThrow();
		try {
			while (livePods.get() < killAt * targetPods) {
				if (stop || System.nanoTime() > deadline) {
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
				if (System.nanoTime() > deadline) {
					violation("the restarted replica answered only " + (victim.answers.sum() - answersAtRestart)
							+ " requests before the deadline");
					return;
				}
				Thread.sleep(50);
			}
			event("chaos: restarted " + victim.name + " has answered " + afterRestartAnswers + " requests");
			chaosDone = true;
		} catch (Exception e) {
			violation("chaos thread failed: " + e);
		}
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
						retried.sum(), conflictsByType.values().stream().mapToLong(LongAdder::sum).sum(), status5xx.sum()));
			}
		}
	}

	// ------------------------------------------------------------------ clients

	static final String CONTAINERS = "[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]},"
			+ "{\"name\":\"sidecar\",\"image\":\"envoy:1.31\",\"ports\":[{\"containerPort\":9901}]}]";

	/** One client: owns the pod names it makes up, so it knows what must exist afterwards. */
	static final class Client {
		final int id;
		final String namespace;
		final Random random;
		final Map<String, String> live = new HashMap<>();
		final Pick liveNames = new Pick();
		final Pick deletedNames = new Pick();
		final Set<String> refused = new HashSet<>();
		final Set<String> maybe = new HashSet<>();
		int sequence;
		int turn;

		Client(int id) {
			this.id = id;
			this.namespace = "team-" + (id % 4);
			this.random = new Random(seed * 1_000 + id);
			this.turn = id;
		}

		String podPath(String name) {
			return API + cluster + "/namespaces/" + namespace + "/pods/" + name;
		}

		void run() {
			for (int ops = 0; ops < maxOpsPerClient && !stop; ops++) {
				if (System.nanoTime() > deadline) {
					return;
				}
				if (livePods.get() >= targetPods && chaosDone) {
					return;
				}
				int dice = random.nextInt(100);
				turn++;
				if (dice < 7 && liveNames.size() > 0) {
					delete(liveNames.random(random));
				} else if (dice < 11 && deletedNames.size() > 0) {
					create(deletedNames.random(random), true);
				} else if (dice < 14 && liveNames.size() > 0) {
					duplicate(liveNames.random(random));
				} else if (dice < 18) {
					shared();
				} else if (dice < 22 && liveNames.size() > 0) {
					readBack(liveNames.random(random));
				} else {
					create("c" + id + "-p" + (sequence++), false);
				}
			}
		}

		boolean withNode;

		/** A pod body; half of them name a node, the others leave placement to podnet. */
		String podBody(String name) {
			List<String> nodes = nodeNames;
			withNode = random.nextBoolean();
			String node = withNode ? ",\"nodeName\":\"" + nodes.get(random.nextInt(nodes.size())) + "\"" : "";
			return "{\"name\":\"" + name + "\"" + node + ",\"containers\":" + CONTAINERS + "}";
		}

		String placed(String op) {
			return op + (withNode ? " (nodeName)" : " (placed)");
		}

		/** A new name (or a deleted one again): 201 expected. */
		void create(String name, boolean recreate) {
			String body = podBody(name);
			String op = placed(recreate ? "pod.recreate" : "pod.create");
			Answer a = call(op, "POST", API + cluster + "/namespaces/" + namespace + "/pods", body, turn);
			if (a.status == 201) {
				acknowledge(name, Json.parse(a.body).str("ip"));
				ack("201", op, name, a);
				if (a.ambiguous) {
					ambiguousCreates.increment();
					ambiguousCreatesNotCommitted.increment();
				}
			} else if (a.status == 409 && a.ambiguous) {
				// the lost attempt may have committed: look
				ambiguousCreates.increment();
				resolve(name, a.timedOut);
			} else if (a.status == -1 && !a.ambiguous) {
				// every attempt was refused at connect: nothing reached a replica
				if (!recreate) {
					refused.add(name);
				}
			} else if (a.status == -1) {
				ambiguousCreates.increment();
				unresolved.increment();
				maybe.add(name);
				liveNames.remove(name);
				deletedNames.remove(name);
			} else if (a.status == 409) {
				if ("already-exists".equals(a.problemType())) {
					violation(op + " " + namespace + "/" + name + " (never created, or acknowledged deleted) answered 409 "
							+ "already-exists: " + a.body);
				} else if ("in-use".equals(a.problemType())) {
					spurious(op, name, a);
				}
				if (!recreate) {
					refused.add(name);
				}
			} else {
				unexpected(op, name, a);
				if (!recreate) {
					refused.add(name);
				}
			}
		}

		void acknowledge(String name, String ip) {
			if (live.put(name, ip) == null) {
				livePods.incrementAndGet();
			}
			liveNames.add(name);
			deletedNames.remove(name);
			refused.remove(name);
			maybe.remove(name);
		}

		/** After a lost answer and a 409: the GET tells whether the first attempt committed. */
		void resolve(String name, boolean timedOut) {
			Answer g = call("pod.get", "GET", podPath(name), null, turn);
			if (g.status == 200) {
				ambiguousCreatesCommitted.increment();
				acknowledge(name, Json.parse(g.body).str("ip"));
				ack("409+GET", "pod.create", name, g);
			} else if (g.status == 404 && timedOut) {
				// a replica that timed out may still commit it: either outcome is right
				unresolved.increment();
				maybe.add(name);
				liveNames.remove(name);
				deletedNames.remove(name);
			} else if (g.status == 404) {
				ambiguousCreatesNotCommitted.increment();
				if (!live.containsKey(name) && !deletedNames.contains(name)) {
					refused.add(name);
				}
			} else {
				unresolved.increment();
				maybe.add(name);
				liveNames.remove(name);
				deletedNames.remove(name);
				if (live.remove(name) != null) {
					livePods.decrementAndGet();
				}
			}
		}

		void delete(String name) {
			Answer a = call("pod.delete", "DELETE", podPath(name), null, turn);
			if (a.ambiguous) {
				ambiguousDeletes.increment();
			}
			if (a.status == 204 || (a.status == 404 && a.ambiguous)) {
				ack(a.status == 204 ? "204" : "lost+404", "pod.delete", name, a);
				live.remove(name);
				livePods.decrementAndGet();
				liveNames.remove(name);
				deletedNames.add(name);
			} else if (a.status == 404) {
				violation("acknowledged pod " + namespace + "/" + name + " (ip " + live.get(name) + ") is gone: "
						+ "DELETE answered 404 " + a.body);
				live.remove(name);
				livePods.decrementAndGet();
				liveNames.remove(name);
			} else if (a.status == -1 && !a.ambiguous) {
				// every attempt was refused at connect: the pod stays
			} else if (a.status == -1) {
				unresolved.increment();
				live.remove(name);
				livePods.decrementAndGet();
				liveNames.remove(name);
				maybe.add(name);
			} else if (a.status == 409 && a.timedOut) {
				// refused here, but the attempt that timed out may still delete it: either outcome is right
				unresolved.increment();
				live.remove(name);
				livePods.decrementAndGet();
				liveNames.remove(name);
				maybe.add(name);
			} else if (a.status == 409) {
				// refused: the pod stays, with its IP (checked at the end)
				spurious("pod.delete", name, a);
			} else {
				unexpected("pod.delete", name, a);
			}
		}

		/**
		 * A 409 in-use ("a concurrent request changed the same resource") answered to a write of a pod
		 * no other client touches: nothing really conflicted, the request lost an internal race.
		 * Clean (nothing changed, checked at the end), but wrong; with --strict a violation.
		 */
		void spurious(String op, String name, Answer a) {
			spurious409.increment();
			if (spuriousExamples.size() < 5) {
				spuriousExamples.add(op + " " + namespace + "/" + name + " via " + a.via + ": " + a.body);
			}
			if (strict) {
				violation(op + " " + namespace + "/" + name + " answered 409 in-use although no other client touches it: "
						+ a.body);
			}
		}

		/** A create of a name that exists: 409 already-exists, nothing changes. */
		void duplicate(String name) {
			String body = podBody(name);
			Answer a = call(placed("pod.duplicate"), "POST", API + cluster + "/namespaces/" + namespace + "/pods", body,
					turn);
			if (a.status == 201) {
				violation("a create of existing pod " + namespace + "/" + name + " (ip " + live.get(name)
						+ ") answered 201: " + a.body);
				live.put(name, Json.parse(a.body).str("ip"));
			} else if (a.status != 409 && a.status != -1) {
				unexpected("pod.duplicate", name, a);
			}
			// a 409 of another type (in-use) is a refusal too; it is counted under its type
		}

		/** Shared names: several clients create the same one at about the same time; at most one 201. */
		void shared() {
			int n = dupSequence.getAndIncrement() / 4;
			String name = "dup-" + n;
			DupName d = dupNames.computeIfAbsent(name, k -> new DupName());
			String body = podBody(name);
			Answer a = call(placed("pod.shared"), "POST", API + cluster + "/namespaces/shared/pods", body, turn);
			synchronized (d) {
				d.attempts++;
				if (a.ambiguous) {
					d.ambiguous++;
				}
				if (a.status == 201) {
					d.ips.add(Json.parse(a.body).str("ip"));
					acknowledged.add(String.format("%.3f 201 %s shared/%s ip=%s via=%s%s", seconds(), "pod.shared", name,
							d.ips.get(d.ips.size() - 1), a.via, a.ambiguous ? " after-lost-answer" : ""));
				} else if (a.status == 409) {
					d.conflicts++;
				} else if (a.status != -1) {
					unexpected("pod.shared", name, a);
				}
			}
		}

		/** Read-your-writes through whichever replica comes next: the acknowledged IP. */
		void readBack(String name) {
			Answer g = call("pod.get", "GET", podPath(name), null, turn);
			if (g.status == 200) {
				String ip = Json.parse(g.body).str("ip");
				if (!ip.equals(live.get(name))) {
					violation("GET " + namespace + "/" + name + " via " + g.via + " shows ip " + ip + "; acknowledged "
							+ live.get(name));
				}
			} else if (g.status == 404) {
				violation("acknowledged pod " + namespace + "/" + name + " not found via " + g.via);
			} else if (g.status != -1) {
				unexpected("pod.get", name, g);
			}
		}

		void ack(String what, String op, String name, Answer a) {
			acknowledged.add(String.format("%.3f %s %s %s/%s ip=%s via=%s%s", seconds(), what, op, namespace, name,
					live.get(name), a.via, a.ambiguous ? " after-lost-answer" : ""));
		}

		void unexpected(String op, String name, Answer a) {
			if (a.status >= 500) {
				return; // counted and recorded as a server error already
			}
			if (a.status != 409) {
				violation(op + " " + name + " answered " + a.status + " " + a.body);
			}
		}
	}

	static final class DupName {
		final List<String> ips = new ArrayList<>();
		int attempts;
		int conflicts;
		int ambiguous;
	}

	/** A set with a uniformly random pick, O(1) add and remove. */
	static final class Pick {
		final List<String> items = new ArrayList<>();
		final Map<String, Integer> index = new HashMap<>();

		int size() {
			return items.size();
		}

		boolean contains(String s) {
			return index.containsKey(s);
		}

		void add(String s) {
			if (!index.containsKey(s)) {
				index.put(s, items.size());
				items.add(s);
			}
		}

		void remove(String s) {
			Integer i = index.remove(s);
			if (i != null) {
				String last = items.remove(items.size() - 1);
				if (i < items.size()) {
					items.set(i, last);
					index.put(last, i);
				}
			}
		}

		String random(Random r) {
			return items.get(r.nextInt(items.size()));
		}
	}

	// ------------------------------------------------------------------ HTTP with retry on no answer

	static final class Replica {
		final String name;
		final URI base;
		final HttpClient http;
		final LongAdder answers = new LongAdder();
		final LongAdder noAnswer = new LongAdder();
		final AtomicInteger inFlight = new AtomicInteger();
		volatile long killedAt;
		volatile long restartedAt;

		Replica(String name, URI base) {
			this.name = name;
			this.base = base;
			this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(3)).build();
		}

		boolean healthy() {
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
						.timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
				return r.statusCode() == 200 && r.body().contains("\"UP\"");
			} catch (IOException e) {
				return false;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@Override
		public String toString() {
			return name;
		}
	}

	/** An HTTP answer; status -1 when no replica answered at all. */
	record Answer(int status, String body, Replica via, boolean ambiguous, boolean timedOut) {

		Answer(int status, String body, Replica via, boolean ambiguous) {
			this(status, body, via, ambiguous, false);
		}

		String problemType() {
			if (body == null) {
				return null;
			}
			int i = body.indexOf("urn:podnet:problem:");
			if (i < 0) {
				return "untyped";
			}
			int end = body.indexOf('"', i);
			return body.substring(i + "urn:podnet:problem:".length(), end);
		}
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
					.header("Accept", "application/json, application/problem+json");
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

	interface IndexedCall {
		Answer call(int i);
	}

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

	// ------------------------------------------------------------------ what must hold afterwards

	static final class Expected {
		final Map<String, String> live = new TreeMap<>(); // "ns/name" -> ip
		final Set<String> absent = new java.util.TreeSet<>(); // "ns/name": acknowledged deleted, or refused
		final Set<String> maybe = new java.util.TreeSet<>(); // outcome unknown to the clients

		void write() throws IOException {
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-live.csv")))) {
				live.forEach((k, ip) -> w.println(k.replace('/', ',') + "," + ip));
			}
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-absent.csv")))) {
				absent.forEach(k -> w.println(k.replace('/', ',')));
			}
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-maybe.csv")))) {
				maybe.forEach(k -> w.println(k.replace('/', ',')));
			}
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("acknowledged.log")))) {
				acknowledged.forEach(w::println);
			}
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-nodes.csv")))) {
				new TreeMap<>(ackedNodes).forEach((name, as) -> w.println(name + "," + as[0] + "," + as[1]));
			}
		}
	}

	static Expected expected() {
		Expected e = new Expected();
		for (Client c : clientStates) {
			c.live.forEach((name, ip) -> e.live.put(c.namespace + "/" + name, ip));
			for (String name : c.deletedNames.items) {
				e.absent.add(c.namespace + "/" + name);
			}
			for (String name : c.refused) {
				e.absent.add(c.namespace + "/" + name);
			}
			for (String name : c.maybe) {
				e.maybe.add(c.namespace + "/" + name);
			}
		}
		dupNames.forEach((name, d) -> {
			String key = "shared/" + name;
			if (d.ips.size() > 1) {
				violation("shared name " + key + " was created " + d.ips.size() + " times (201 with ips " + d.ips + ")");
				e.maybe.add(key);
			} else if (d.ips.size() == 1) {
				e.live.put(key, d.ips.get(0));
			} else if (d.ambiguous > 0 || d.attempts > d.conflicts) {
				e.maybe.add(key);
			} else {
				e.absent.add(key);
			}
		});
		return e;
	}

	static void checkThroughApi(Expected expected) {
		for (Replica r : replicas) {
			if (!r.healthy()) {
				violation("replica " + r.name + " is not healthy at the end");
				continue;
			}
			// pods, a page at a time
			Map<String, Json> pods = new HashMap<>();
			String next = null;
			for (int page = 0; page < 1_000; page++) {
				String path = API + cluster + "/pods?limit=2000"
						+ (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
				Answer a = callOne(r, path);
				if (a.status != 200) {
					violation("listing pods via " + r.name + " answered " + a.status + " " + a.body);
					break;
				}
				Json list = Json.parse(a.body);
				for (Json p : list.get("items").list()) {
					if (pods.put(p.str("namespace") + "/" + p.str("name"), p) != null) {
						violation("pod " + p.str("namespace") + "/" + p.str("name") + " listed twice via " + r.name);
					}
				}
				Json meta = list.get("metadata");
				next = meta == null ? null : meta.str("continue");
				if (next == null) {
					break;
				}
			}
			int missing = 0;
			int wrongIp = 0;
			int resurrected = 0;
			int phantoms = 0;
			for (Map.Entry<String, String> e : expected.live.entrySet()) {
				Json p = pods.get(e.getKey());
				if (p == null) {
					missing++;
					violation("acknowledged pod " + e.getKey() + " (ip " + e.getValue() + ") is not listed via " + r.name);
				} else if (!e.getValue().equals(p.str("ip"))) {
					wrongIp++;
					violation("pod " + e.getKey() + " has ip " + p.str("ip") + " via " + r.name + "; acknowledged "
							+ e.getValue());
				}
			}
			for (String k : expected.absent) {
				if (pods.containsKey(k)) {
					resurrected++;
					violation("pod " + k + " (acknowledged deleted, or refused) is listed via " + r.name);
				}
			}
			for (String k : pods.keySet()) {
				if (!expected.live.containsKey(k) && !expected.absent.contains(k) && !expected.maybe.contains(k)) {
					phantoms++;
					violation("pod " + k + " exists but no client was told it was created (via " + r.name + ")");
				}
			}
			// nodes: the acknowledged allocation, and pods.allocated = pods listed on the node
			Map<String, Integer> perNode = new HashMap<>();
			pods.values().forEach(p -> perNode.merge(p.str("nodeName"), 1, Integer::sum));
			Answer nodesAnswer = callOne(r, API + cluster + "/nodes");
			int countMismatch = 0;
			int nodesSeen = 0;
			Map<String, String[]> nodeAlloc = new HashMap<>();
			if (nodesAnswer.status != 200) {
				violation("listing nodes via " + r.name + " answered " + nodesAnswer.status);
			} else {
				for (Json n : Json.parse(nodesAnswer.body).get("items").list()) {
					nodesSeen++;
					String name = n.str("name");
					nodeAlloc.put(name, new String[] { n.str("address"), n.str("podSubnet") });
					String[] acked = ackedNodes.get(name);
					if (acked == null) {
						violation("node " + name + " exists but was never acknowledged (via " + r.name + ")");
					} else if (!acked[0].equals(n.str("address")) || !acked[1].equals(n.str("podSubnet"))) {
						violation("node " + name + " shows " + n.str("address") + " " + n.str("podSubnet") + "; acknowledged "
								+ acked[0] + " " + acked[1]);
					}
					int allocated = (int) n.get("pods").num("allocated");
					int actual = perNode.getOrDefault(name, 0);
					if (allocated != actual) {
						countMismatch++;
						violation("node " + name + " says pods.allocated=" + allocated + " but " + actual
								+ " pods are listed on it (via " + r.name + ")");
					}
				}
				if (nodesSeen != ackedNodes.size()) {
					violation(nodesSeen + " nodes listed via " + r.name + "; " + ackedNodes.size() + " acknowledged");
				}
			}
			// every pod inside its node's subnet (the API's view)
			int outside = 0;
			for (Json p : pods.values()) {
				String[] alloc = nodeAlloc.get(p.str("nodeName"));
				if (alloc == null || !Cidr.contains(alloc[1], p.str("ip"))) {
					outside++;
					violation("pod " + p.str("namespace") + "/" + p.str("name") + " ip " + p.str("ip") + " is outside node "
							+ p.str("nodeName") + "'s subnet " + (alloc == null ? "(no such node)" : alloc[1]));
				}
			}
			// gateway routes: exactly one NODE route per node, podSubnet via address
			Answer routesAnswer = callOne(r, API + cluster + "/routes");
			int nodeRoutes = 0;
			if (routesAnswer.status != 200) {
				violation("listing routes via " + r.name + " answered " + routesAnswer.status);
			} else {
				Map<String, Integer> routesPerNode = new HashMap<>();
				for (Json route : Json.parseList(routesAnswer.body)) {
					if (!"NODE".equals(route.str("type"))) {
						continue;
					}
					nodeRoutes++;
					String node = route.str("node");
					routesPerNode.merge(node, 1, Integer::sum);
					String[] alloc = nodeAlloc.get(node);
					if (alloc == null) {
						violation("NODE route " + route.str("destination") + " names node " + node + ", which is not listed");
					} else if (!alloc[1].equals(route.str("destination")) || !alloc[0].equals(route.str("nextHop"))) {
						violation("NODE route of " + node + " is " + route.str("destination") + " via " + route.str("nextHop")
								+ "; the node has " + alloc[1] + " at " + alloc[0]);
					}
				}
				for (String node : nodeAlloc.keySet()) {
					if (routesPerNode.getOrDefault(node, 0) != 1) {
						violation("node " + node + " has " + routesPerNode.getOrDefault(node, 0) + " NODE routes via " + r.name);
					}
				}
			}
			say(String.format("API check via %s: %d pods listed (%d acknowledged live: %d missing, %d wrong ip; "
					+ "%d acknowledged-absent present; %d unexplained), %d nodes (%d pod counts off), %d NODE routes, "
					+ "%d pods outside their node's subnet", r.name, pods.size(), expected.live.size(), missing, wrongIp,
					resurrected, phantoms, nodesSeen, countMismatch, nodeRoutes, outside));
		}
	}

	static Answer callOne(Replica r, String path) {
		try {
			HttpResponse<String> resp = r.http.send(HttpRequest.newBuilder(r.base.resolve(path))
					.timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
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

	// ------------------------------------------------------------------ report

	static void report(Expected expected) {
		System.out.println();
		System.out.println("== timeline");
		synchronized (timeline) {
			timeline.forEach(t -> System.out.println("  " + t));
		}
		System.out.println("== requests by operation and status");
		new TreeMap<>(statusByOp).forEach((k, v) -> System.out.printf("  %-28s %7d%n", k, v.sum()));
		System.out.println("== 409s by operation and problem type");
		new TreeMap<>(conflictsByType).forEach((k, v) -> System.out.printf("  %-40s %7d%n", k, v.sum()));
		long dupCreated = dupNames.values().stream().filter(d -> !d.ips.isEmpty()).count();
		long dupAttempts = dupNames.values().stream().mapToLong(d -> d.attempts).sum();
		System.out.println("== counts");
		for (Replica r : replicas) {
			System.out.printf("  replica %s: %d answers, %d attempts without an answer%n", r.name, r.answers.sum(),
					r.noAnswer.sum());
		}
		row("HTTP requests sent", requests.sum());
		row("pods acknowledged created (201)", pod201.sum());
		row("pods acknowledged deleted (204)", pod204.sum());
		row("acknowledged live pods at the end", expected.live.size());
		row("names acknowledged absent (deleted or refused)", expected.absent.size());
		row("names with an unknown outcome", expected.maybe.size());
		row("nodes", ackedNodes.size());
		row("shared names raced (4 clients each)", dupNames.size());
		row("  ... attempts / created", dupAttempts + " / " + dupCreated);
		row("409 answers", conflictsByType.values().stream().mapToLong(LongAdder::sum).sum());
		row("retried requests (no HTTP answer)", retried.sum());
		row("  ... connection refused", connectFailures.sum());
		row("  ... lost in flight (reset/timeout)", lostInFlight.sum());
		row("creates whose answer was lost", ambiguousCreates.sum());
		row("  ... had committed (409 + GET found it)", ambiguousCreatesCommitted.sum());
		row("  ... had not committed", ambiguousCreatesNotCommitted.sum());
		row("deletes whose answer was lost", ambiguousDeletes.sum());
		row("unresolved after all retries", unresolved.sum());
		row("409 in-use on pods no other client touches", spurious409.sum() + (strict ? "" : " (not a violation without --strict)"));
		row("5xx answers", status5xx.sum());
		if (!spuriousExamples.isEmpty()) {
			System.out.println("== 409 in-use on uncontended pods (first 5)");
			spuriousExamples.forEach(s -> System.out.println("  " + s));
		}
		if (!serverErrors.isEmpty()) {
			System.out.println("== 5xx answers (first 20)");
			serverErrors.stream().limit(20).forEach(s -> System.out.println("  " + s));
		}
		System.out.println("== API verdict: " + (violationCount.get() == 0 ? "OK" : violationCount.get() + " VIOLATION(S)"));
		violations.stream().limit(60).forEach(v -> System.out.println("  VIOLATION " + v));
		if (violationCount.get() > 60) {
			System.out.println("  ... and " + (violationCount.get() - 60) + " more");
		}
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("api-summary.txt")))) {
			w.println("live=" + expected.live.size());
			w.println("status5xx=" + status5xx.sum());
			w.println("conflicts=" + conflictsByType.values().stream().mapToLong(LongAdder::sum).sum());
			w.println("retried=" + retried.sum());
			w.println("spurious409=" + spurious409.sum());
		} catch (IOException e) {
			System.out.println("cannot write api-summary.txt: " + e);
		}
	}

	static void row(String label, Object value) {
		System.out.printf("  %-46s %s%n", label, value);
	}

	// ------------------------------------------------------------------ helpers

	static void violation(String what) {
		violationCount.incrementAndGet();
		if (violations.size() < 500) {
			violations.add(String.format("[%.1fs] %s", seconds(), what));
		}
	}

	static void say(String s) {
		System.out.printf("[%5.1fs] %s%n", seconds(), s);
	}

	static void event(String s) {
		synchronized (timeline) {
			timeline.add(String.format("%6.1f s  %s", seconds(), s));
		}
		say(s);
	}

	static double seconds() {
		return (System.nanoTime() - started) / 1e9;
	}

	static long ms(long nanos) {
		return nanos / 1_000_000L;
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static final class SetupFailure extends RuntimeException {
		private static final long serialVersionUID = 1L;

		SetupFailure(String message) {
			super(message);
		}
	}

	/** IPv4 CIDR containment, enough for the cluster this test builds. */
	static final class Cidr {
		static boolean contains(String cidr, String ip) {
			String[] parts = cidr.split("/");
			int prefix = Integer.parseInt(parts[1]);
			long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
			long net = v4(parts[0]);
			long addr = v4(ip);
			long broadcast = net | (~mask & 0xFFFFFFFFL);
			// inside, and not the network, bridge (.1 of the subnet) or broadcast address
			return (addr & mask) == net && addr > net + 1 && addr < broadcast;
		}

		static long v4(String s) {
			long v = 0;
			for (String o : s.split("\\.")) {
				v = (v << 8) | Integer.parseInt(o);
			}
			return v;
		}
	}

	/** A minimal JSON reader: objects, arrays, strings, numbers, true/false/null. */
	static final class Json {
		final Object value;

		Json(Object value) {
			this.value = value;
		}

		static Json parse(String text) {
			Reader r = new Reader(text);
			Object v = r.value();
			return new Json(v);
		}

		static List<Json> parseList(String text) {
			return parse(text).list();
		}

		@SuppressWarnings("unchecked")
		Json get(String key) {
			Object v = ((Map<String, Object>) value).get(key);
			return v == null ? null : new Json(v);
		}

		String str(String key) {
			Json j = get(key);
			return j == null ? null : String.valueOf(j.value);
		}

		double num(String key) {
			return ((Number) get(key).value).doubleValue();
		}

		@SuppressWarnings("unchecked")
		List<Json> list() {
			List<Json> out = new ArrayList<>();
			for (Object o : (List<Object>) value) {
				out.add(new Json(o));
			}
			return out;
		}

		static final class Reader {
			final String s;
			int i;

			Reader(String s) {
				this.s = s;
			}

			Object value() {
				ws();
				char c = s.charAt(i);
				if (c == '{') {
					i++;
					Map<String, Object> m = new LinkedHashMap<>();
					ws();
					if (s.charAt(i) == '}') {
						i++;
						return m;
					}
					while (true) {
						ws();
						String k = string();
						ws();
						expect(':');
						m.put(k, value());
						ws();
						if (s.charAt(i) == ',') {
							i++;
						} else {
							expect('}');
							return m;
						}
					}
				}
				if (c == '[') {
					i++;
					List<Object> l = new ArrayList<>();
					ws();
					if (s.charAt(i) == ']') {
						i++;
						return l;
					}
					while (true) {
						l.add(value());
						ws();
						if (s.charAt(i) == ',') {
							i++;
						} else {
							expect(']');
							return l;
						}
					}
				}
				if (c == '"') {
					return string();
				}
				if (s.startsWith("true", i)) {
					i += 4;
					return Boolean.TRUE;
				}
				if (s.startsWith("false", i)) {
					i += 5;
					return Boolean.FALSE;
				}
				if (s.startsWith("null", i)) {
					i += 4;
					return null;
				}
				int start = i;
				while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
					i++;
				}
				return Double.parseDouble(s.substring(start, i));
			}

			String string() {
				expect('"');
				StringBuilder b = new StringBuilder();
				while (true) {
					char c = s.charAt(i++);
					if (c == '"') {
						return b.toString();
					}
					if (c == '\\') {
						char e = s.charAt(i++);
						switch (e) {
							case 'n' -> b.append('\n');
							case 't' -> b.append('\t');
							case 'r' -> b.append('\r');
							case 'b' -> b.append('\b');
							case 'f' -> b.append('\f');
							case 'u' -> {
								b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
								i += 4;
							}
							default -> b.append(e);
						}
					} else {
						b.append(c);
					}
				}
			}

			void ws() {
				while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
					i++;
				}
			}

			void expect(char c) {
				if (s.charAt(i) != c) {
					throw new IllegalArgumentException("JSON: expected '" + c + "' at " + i + " in " + s);
				}
				i++;
			}
		}
	}
}

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What 1,000 concurrent watchers cost one podnet replica (issue 20), run by bench/watchers.sh:
 *
 * <pre>
 *   java bench/WatchBench.java --base URL --pid PID --nodes N [options]     (env TOKEN: an admin token)
 * </pre>
 *
 * Pod creates are driven by wrk (bench/lua/create-pods.lua, a namespace of their own per
 * measurement) and measured without watchers (A) and with W watches open (B), in turn
 * A B A B ... A after a warm-up of each, so each B has an A right before and right after it on the
 * same service in the same minutes. The watches are plain HTTP/1.1 connections read by one NIO
 * selector thread (Java 17 has no virtual threads), which de-chunks the stream, finds each line's
 * type, resourceVersion, namespace and the pod's createdAt by scanning bytes (no JSON parser), and
 * records the delivery latency of every ADDED event: the client's clock when the bytes were read
 * minus the pod's createdAt (the service's clock when it began the create; same host, same clock).
 * After each B the pods of its namespace are listed and each watcher's count is checked against
 * them (all of them for a watch of the whole cluster, its node's for a watch of one node).
 *
 * Writes a Markdown report (--out) and the raw rows (--tsv). Options: see usage().
 */
public class WatchBench {

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		new WatchBench(options).run();
	}

	static void usage() {
		System.err.println("""
				java bench/WatchBench.java --base URL --pid PID --nodes N [options]   (env TOKEN: admin token)
				  --watchers N        watches open during B (default 1000)
				  --node-watchers N   of them, watches of one node's pods (default 100; the rest watch the whole cluster)
				  --rounds N          B measurements, each between two A (default 3)
				  --duration S        seconds per measurement (default 20)
				  --warmup S          seconds of warm-up, A then B (default 20)
				  --connections C     wrk connections (default 8)
				  --io-threads N      selector threads reading the watches (default 1)
				  --drain-timeout S   longest wait for the last events after wrk stops (default 60)
				  --cluster NAME      (default bench)
				  --lua FILE          (default bench/lua/create-pods.lua)
				  --jfr DIR           flight-record the last round's B and the A after it (jcmd JFR.start, profile settings)
				  --perf DIR          perf record (cpu-clock, call graphs) the last round's B and A, then write the
				                      service's JIT symbols to /tmp/perf-PID.map (jcmd Compiler.perfmap); start the
				                      service with -XX:+PreserveFramePointer for whole Java stacks
				  --out FILE --tsv FILE --database TEXT --commit TEXT --command TEXT --heap TEXT --mode TEXT""");
	}

	// ------------------------------------------------------------------ options

	static final class Options {
		String base;
		long pid;
		int nodes;
		int watchers = 1000;
		int nodeWatchers = 100;
		int rounds = 3;
		int duration = 20;
		int warmup = 20;
		int connections = 8;
		int ioThreads = 1;
		int drainTimeout = 60;
		String cluster = "bench";
		String lua = "bench/lua/create-pods.lua";
		String jfr;
		String perf;
		String out = "bench/out/RESULTS-watch.md";
		String tsv;
		String database = "?";
		String commit = "?";
		String command = "bench/watchers.sh";
		String heap = "?";
		String mode = "full";
		String token;

		static Options parse(String[] args) {
			Options o = new Options();
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				if (a.equals("-h") || a.equals("--help")) {
					usage();
					System.exit(0);
				}
				if (i + 1 >= args.length) {
					usage();
					throw new IllegalArgumentException("missing value for " + a);
				}
				String v = args[++i];
				switch (a) {
					case "--base" -> o.base = v;
					case "--pid" -> o.pid = Long.parseLong(v);
					case "--nodes" -> o.nodes = Integer.parseInt(v);
					case "--watchers" -> o.watchers = Integer.parseInt(v);
					case "--node-watchers" -> o.nodeWatchers = Integer.parseInt(v);
					case "--rounds" -> o.rounds = Integer.parseInt(v);
					case "--duration" -> o.duration = Integer.parseInt(v);
					case "--warmup" -> o.warmup = Integer.parseInt(v);
					case "--connections" -> o.connections = Integer.parseInt(v);
					case "--io-threads" -> o.ioThreads = Integer.parseInt(v);
					case "--drain-timeout" -> o.drainTimeout = Integer.parseInt(v);
					case "--cluster" -> o.cluster = v;
					case "--lua" -> o.lua = v;
					case "--jfr" -> o.jfr = v;
					case "--perf" -> o.perf = v;
					case "--out" -> o.out = v;
					case "--tsv" -> o.tsv = v;
					case "--database" -> o.database = v;
					case "--commit" -> o.commit = v;
					case "--command" -> o.command = v;
					case "--heap" -> o.heap = v;
					case "--mode" -> o.mode = v;
					default -> {
						usage();
						throw new IllegalArgumentException("unknown option " + a);
					}
				}
			}
			o.token = System.getenv("TOKEN");
			if (o.token == null || o.token.isEmpty()) {
				o.token = System.getenv("PODNET_ADMIN_TOKEN");
			}
			if (o.base == null || o.pid <= 0 || o.nodes <= 0 || o.token == null || o.token.isEmpty()) {
				usage();
				throw new IllegalArgumentException("--base, --pid, --nodes and env TOKEN are needed");
			}
			if (o.nodeWatchers > o.watchers) {
				throw new IllegalArgumentException("--node-watchers is more than --watchers");
			}
			return o;
		}
	}

	// ------------------------------------------------------------------ the run

	private final Options o;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).build();
	private final InetSocketAddress address;
	private final String host;
	private final String stamp = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
	private final List<Measurement> measurements = new ArrayList<>();
	private final long clkTck = 100; // USER_HZ on Linux
	private final Instant started = Instant.now();
	private IoThread[] io;

	WatchBench(Options options) {
		this.o = options;
		URI uri = URI.create(options.base);
		this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
		this.host = uri.getHost() + ":" + uri.getPort();
	}

	void run() throws Exception {
		io = new IoThread[o.ioThreads];
		for (int i = 0; i < io.length; i++) {
			io[i] = new IoThread(i);
			io[i].start();
		}
		log("service pid %d, %d nodes, %d watchers (%d of one node), %d connections, %d s per measurement, %d round(s)",
				o.pid, o.nodes, o.watchers, o.nodeWatchers, o.connections, o.duration, o.rounds);
		// warm-up: the JIT compiles the create path alone and with watchers before anything counts
		measure("warm-up A", false, o.warmup, 0, false);
		measure("warm-up B", true, o.warmup, 0, false);
		measure("A0", false, o.duration, 0, false);
		for (int r = 1; r <= o.rounds; r++) {
			boolean record = (o.jfr != null || o.perf != null) && r == o.rounds;
			measure("B" + r, true, o.duration, r, record);
			measure("A" + r, false, o.duration, r, record);
		}
		String report = report();
		Path out = Path.of(o.out);
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		Files.writeString(out, report);
		if (o.tsv != null) {
			Files.writeString(Path.of(o.tsv), tsv());
		}
		log("wrote %s", o.out);
		System.out.println(summary());
		for (IoThread t : io) {
			t.interrupt();
		}
		System.exit(0);
	}

	/** One wrk measurement, with watches open (B) or none (A). */
	void measure(String label, boolean watched, int seconds, int round, boolean record) throws Exception {
		Measurement m = new Measurement(label, watched, round);
		m.namespace = ("w" + stamp + "-" + label.replace(" ", "")).toLowerCase(Locale.ROOT);
		waitForNoWatches(m);
		List<Conn> conns = List.of();
		PhaseStats[] stats = null;
		if (watched) {
			stats = new PhaseStats[io.length];
			for (int i = 0; i < io.length; i++) {
				stats[i] = new PhaseStats(m.namespace);
			}
			conns = openWatches(m, stats);
			Thread.sleep(2000); // the watcher threads settle
			m.threadsIdle = threads();
			m.watchConnections = gauge("podnet_watch_connections");
		} else {
			m.threadsIdle = threads();
		}
		String jfrName = null;
		Process perf = null;
		if (record && o.perf != null) {
			Files.createDirectories(Path.of(o.perf));
			m.perfFile = Path.of(o.perf, label + ".perf.data").toAbsolutePath().toString();
			perf = new ProcessBuilder("perf", "record", "-q", "-e", "cpu-clock", "-F", "499", "-g", "-p",
					Long.toString(o.pid), "-o", m.perfFile).redirectErrorStream(true)
					.redirectOutput(Path.of(o.perf, label + ".perf.log").toFile()).start();
			Thread.sleep(500);
		}
		if (record && o.jfr != null) {
			jfrName = "watchbench-" + label;
			Files.createDirectories(Path.of(o.jfr));
			m.jfrFile = Path.of(o.jfr, label + ".jfr").toAbsolutePath().toString();
			jcmd("JFR.start", "name=" + jfrName, "settings=profile", "filename=" + m.jfrFile);
		}
		long[] ioCpu0 = ioCpu();
		long jvmCpu0 = jvmCpu();
		long svc0 = serviceTicks();
		long[] us0 = serviceUserSystem();
		Map<Long, TaskCpu> tasks0 = tasks();
		ThreadSampler sampler = new ThreadSampler();
		sampler.start();
		log("%s: wrk %d s, namespace %s%s", label, seconds, m.namespace, watched ? ", " + conns.size() + " watches open" : "");
		long wrkStart = System.nanoTime();
		Wrk wrk = wrk(m.namespace, seconds);
		long wrkEnd = System.nanoTime();
		m.wrkEndMicros = nowMicros();
		sampler.halt();
		Map<Long, TaskCpu> tasks1 = tasks();
		long svc1 = serviceTicks();
		long[] us1 = serviceUserSystem();
		long jvmCpu1 = jvmCpu();
		long[] ioCpu1 = ioCpu();
		if (jfrName != null) {
			jcmd("JFR.stop", "name=" + jfrName);
		}
		if (perf != null) {
			// perf record writes its file on SIGINT
			new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
			perf.waitFor(60, TimeUnit.SECONDS);
			jcmd("Compiler.perfmap");
		}
		m.wrk = wrk;
		m.seconds = (wrkEnd - wrkStart) / 1e9;
		m.serviceCpuSeconds = (svc1 - svc0) / (double) clkTck;
		m.threadsMax = Math.max(sampler.max, m.threadsIdle);
		m.clientJvmCpuSeconds = (jvmCpu1 - jvmCpu0) / 1e9;
		m.clientIoCpuSeconds = sum(ioCpu1, ioCpu0) / 1e9;
		m.byGroup = byGroup(tasks0, tasks1);
		m.serviceUserSeconds = (us1[0] - us0[0]) / (double) clkTck;
		m.serviceSystemSeconds = (us1[1] - us0[1]) / (double) clkTck;
		m.contextSwitches = switches(tasks0, tasks1);
		double accounted = m.byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
		long born = tasks1.keySet().stream().filter(t -> !tasks0.containsKey(t)).count();
		long died = tasks0.keySet().stream().filter(t -> !tasks1.containsKey(t)).count();
		log("%s: service CPU %.1f s, of which %.1f s in threads alive at the end (by /proc/PID/task; %d threads started, "
				+ "%d ended meanwhile); user %.1f s, system %.1f s; %.0f thread wake-ups/s", label, m.serviceCpuSeconds,
				accounted, born, died, m.serviceUserSeconds, m.serviceSystemSeconds, m.contextSwitches / m.seconds);
		m.threadsBorn = born;
		m.threadsDied = died;
		m.accountedCpuSeconds = accounted;
		log("%s: %.0f creates/s (%d, %d non-2xx, %d socket errors), p50 %.1f ms, p99 %.1f ms; service CPU %.2f ms/create,"
				+ " %.0f%% of the cores; service threads %d; client selector thread %.0f%% of a core, JVM %.0f%%", label,
				wrk.rate, wrk.requests, wrk.non2xx, wrk.socketErrors, wrk.p50ms, wrk.p99ms,
				m.serviceCpuSeconds * 1000 / Math.max(1, wrk.requests),
				100 * m.serviceCpuSeconds / m.seconds / Runtime.getRuntime().availableProcessors(), m.threadsMax,
				100 * m.clientIoCpuSeconds / m.seconds, 100 * m.clientJvmCpuSeconds / m.seconds);
		if (watched) {
			drain(m, conns, stats, jvmCpu1, ioCpu1);
			closeWatches(conns);
		}
		measurements.add(m);
	}

	// ------------------------------------------------------------------ watches

	List<Conn> openWatches(Measurement m, PhaseStats[] stats) throws Exception {
		String rv = listResourceVersion();
		m.fromRevision = rv;
		List<Conn> conns = new ArrayList<>();
		long t0 = System.nanoTime();
		int batch = 50;
		// node watchers spread over the nodes
		for (int i = 0; i < o.watchers; i++) {
			String node = null;
			String query = "watch=true&resourceVersion=" + rv;
			if (i < o.nodeWatchers) {
				int n = (int) ((long) i * o.nodes / Math.max(1, o.nodeWatchers)) + 1;
				node = String.format("node-%05d", n);
				// both ways of naming the node: node= and the field selector
				query += (i % 2 == 0) ? "&node=" + node
						: "&fieldSelector=" + URLEncoder.encode("spec.nodeName=" + node, StandardCharsets.UTF_8);
			}
			String request = "GET /api/v1/clusters/" + o.cluster + "/pods?" + query + " HTTP/1.1\r\nHost: " + host
					+ "\r\nAuthorization: Bearer " + o.token + "\r\nAccept: application/json\r\n\r\n";
			SocketChannel ch = SocketChannel.open();
			ch.connect(address);
			ch.socket().setTcpNoDelay(true);
			ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
			while (req.hasRemaining()) {
				ch.write(req);
			}
			ch.configureBlocking(false);
			IoThread t = io[i % io.length];
			Conn c = new Conn(i, ch, node, stats[t.index]);
			conns.add(c);
			t.register(c);
			if ((i + 1) % batch == 0 || i + 1 == o.watchers) {
				// each batch answered (status and headers, sent at once by the service) before the next; a
				// watch not answered in 30 s is given up (closed, counted as failed to open)
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				List<Conn> batchConns = conns.subList(conns.size() - 1 - (i % batch), conns.size());
				while (true) {
					int answered = 0;
					for (Conn x : batchConns) {
						if (x.status != 0) {
							answered++;
						}
					}
					if (answered == batchConns.size() || System.nanoTime() > deadline) {
						break;
					}
					Thread.sleep(5);
				}
			}
		}
		m.openSeconds = (System.nanoTime() - t0) / 1e9;
		List<Conn> open = new ArrayList<>();
		List<Conn> failed = new ArrayList<>();
		for (Conn c : conns) {
			if (c.status == 200) {
				open.add(c);
			} else {
				failed.add(c);
				m.notes.add("watch " + c.id + (c.status == 0 ? " was not answered in 30 s" : " answered " + c.status
						+ (c.errorLine != null ? " (" + c.errorLine + ")" : "")));
			}
		}
		closeWatches(failed);
		m.watchesOpen = open.size();
		m.watchesFailed = failed.size();
		log("%s: %d of %d watches open (answered 200) from resourceVersion %s in %.1f s", m.label, open.size(),
				conns.size(), rv, m.openSeconds);
		return open;
	}

	/** After wrk: every watcher's count against the pods listed in the namespace, waiting for the last events. */
	void drain(Measurement m, List<Conn> conns, PhaseStats[] stats, long jvmCpuAtWrkEnd, long[] ioCpuAtWrkEnd)
			throws Exception {
		Map<String, Integer> perNode = new HashMap<>();
		// wrk stops with creates in flight, and they commit after it: count once the change log stands still
		String revision = listResourceVersion();
		for (int i = 0; i < 60; i++) {
			Thread.sleep(500);
			String now = listResourceVersion();
			if (now.equals(revision)) {
				break;
			}
			revision = now;
		}
		m.expectedPods = countPods(m.namespace, perNode);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainTimeout);
		long lastProgress = System.nanoTime();
		long lastTotal = -1;
		while (true) {
			long total = 0;
			int complete = 0;
			int finished = 0;
			for (Conn c : conns) {
				long expected = c.node == null ? m.expectedPods : perNode.getOrDefault(c.node, 0);
				long got = c.delivered;
				total += got;
				if (got == expected) {
					complete++;
				}
				if (got >= expected || c.ended) {
					finished++;
				}
			}
			if (total != lastTotal) {
				lastTotal = total;
				lastProgress = System.nanoTime();
			}
			if (finished == conns.size() || System.nanoTime() > deadline
					|| System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
				break;
			}
			Thread.sleep(100);
		}
		m.clientJvmCpuDrainSeconds = (jvmCpu() - jvmCpuAtWrkEnd) / 1e9;
		m.clientIoCpuDrainSeconds = sum(ioCpu(), ioCpuAtWrkEnd) / 1e9;
		// the counts, read on the selector threads so that they are complete
		Histogram latency = new Histogram();
		long lastEvent = 0;
		long bytes = 0;
		for (int i = 0; i < io.length; i++) {
			PhaseStats s = stats[i];
			PhaseStats copy = io[i].call(() -> s.copy());
			latency.add(copy.latency);
			lastEvent = Math.max(lastEvent, copy.lastEventMicros);
			bytes += copy.bytes;
			m.negativeLatencies += copy.negative;
		}
		for (IoThread t : io) {
			t.call(() -> null); // a barrier: every count below was written before it
		}
		for (Conn c : conns) {
			long expected = c.node == null ? m.expectedPods : perNode.getOrDefault(c.node, 0);
			m.expectedEvents += expected;
			m.deliveredEvents += c.delivered;
			if (c.delivered == expected) {
				m.completeWatchers++;
			} else if (m.notes.size() < 10) {
				m.notes.add("watch " + c.id + (c.node == null ? " (cluster)" : " (" + c.node + ")") + " got " + c.delivered
						+ " of " + expected + (c.errorLine != null ? "; " + c.errorLine : "") + (c.ended ? "; ended by the service" : ""));
			}
			m.otherEvents += c.other;
			m.outOfOrder += c.outOfOrder;
			m.errorEvents += c.errors;
			m.endedByService += c.ended ? 1 : 0;
			if (!c.ended && c.errors == 0) {
				m.healthyWatchers++;
				m.healthyExpected += expected;
				m.healthyDelivered += c.delivered;
				m.healthyComplete += c.delivered == expected ? 1 : 0;
			}
			if (c.node != null) {
				m.nodeExpected += expected;
				m.nodeDelivered += c.delivered;
			}
		}
		m.latency = latency;
		m.bytes = bytes;
		m.drainSeconds = lastEvent == 0 ? 0 : Math.max(0, (lastEvent - m.wrkEndMicros) / 1e6);
		log("%s: %d of %d events delivered (%d of %d watchers complete), latency p50 %s p99 %s max %s, last event %.2f s after wrk",
				m.label, m.deliveredEvents, m.expectedEvents, m.completeWatchers, conns.size(), ms(latency.percentile(50)),
				ms(latency.percentile(99)), ms(latency.max), m.drainSeconds);
	}

	void closeWatches(List<Conn> conns) throws Exception {
		for (IoThread t : io) {
			t.call(() -> {
				for (Conn c : conns) {
					if (c.io == t) {
						c.close();
					}
				}
				return null;
			});
		}
	}

	/** Closed watches are noticed by the service at their next write (a heartbeat at the latest): waits for none. */
	void waitForNoWatches(Measurement m) throws Exception {
		long t0 = System.nanoTime();
		double open = gauge("podnet_watch_connections");
		while (open > 0) {
			if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(90)) {
				throw new IllegalStateException(open + " watches still open on the service 90 s after they were closed");
			}
			Thread.sleep(500);
			open = gauge("podnet_watch_connections");
		}
		m.waitedForClose = (System.nanoTime() - t0) / 1e9;
		if (m.waitedForClose > 1) {
			log("%s: waited %.1f s for the service to notice the closed watches", m.label, m.waitedForClose);
		}
	}

	// ------------------------------------------------------------------ the service's API

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(o.base + path)).timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + o.token).GET().build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

	private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");
	private static final Pattern CONTINUE = Pattern.compile("\"continue\":\"([^\"]+)\"");
	private static final Pattern NODE_NAME = Pattern.compile("\"nodeName\":\"([^\"]+)\"");
	private static final Pattern ITEM = Pattern.compile("\\{\"namespace\":\"");

	String listResourceVersion() throws Exception {
		String body = get("/api/v1/clusters/" + o.cluster + "/pods?limit=1").body();
		Matcher m = RESOURCE_VERSION.matcher(body);
		if (!m.find()) {
			throw new IllegalStateException("no resourceVersion in " + body);
		}
		return m.group(1);
	}

	/** The pods of the namespace (all pages), and how many on each node. */
	int countPods(String namespace, Map<String, Integer> perNode) throws Exception {
		int count = 0;
		String token = null;
		do {
			String path = "/api/v1/clusters/" + o.cluster + "/namespaces/" + namespace + "/pods?limit=5000"
					+ (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
			String body = get(path).body();
			Matcher items = ITEM.matcher(body);
			while (items.find()) {
				count++;
			}
			Matcher nodes = NODE_NAME.matcher(body);
			while (nodes.find()) {
				perNode.merge(nodes.group(1), 1, Integer::sum);
			}
			Matcher c = CONTINUE.matcher(body);
			token = c.find() ? c.group(1) : null;
		} while (token != null);
		return count;
	}

	double gauge(String name) throws Exception {
		for (String line : get("/actuator/prometheus").body().split("\n")) {
			if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return 0;
	}

	void jcmd(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(o.pid)));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	// ------------------------------------------------------------------ wrk

	static final class Wrk {
		double rate;
		long requests;
		long non2xx;
		long socketErrors;
		double p50ms;
		double p99ms;
		double cpuSeconds;
		String output;
	}

	Wrk wrk(String namespace, int seconds) throws Exception {
		// bash's times: wrk's CPU (the children's user and system time)
		ProcessBuilder pb = new ProcessBuilder("bash", "-c",
				"wrk -t1 -c\"$1\" -d\"$2\"s --latency -s \"$3\" \"$4\"; rc=$?; echo '--times--'; times; exit $rc", "wrk",
				Integer.toString(o.connections), Integer.toString(seconds), o.lua, o.base);
		pb.environment().put("NODES", Integer.toString(o.nodes));
		pb.environment().put("RUN", namespace);
		pb.environment().put("NAMESPACE", namespace);
		pb.environment().put("TOKEN", o.token);
		pb.redirectError(ProcessBuilder.Redirect.INHERIT);
		Process p = pb.start();
		String out;
		try (InputStream in = p.getInputStream()) {
			out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int rc = p.waitFor();
		if (rc != 0) {
			throw new IllegalStateException("wrk failed (" + rc + "): " + out);
		}
		Wrk w = new Wrk();
		w.output = out;
		String[] lines = out.split("\n");
		boolean distribution = false;
		boolean times = false;
		int timesLine = 0;
		for (String line : lines) {
			String t = line.trim();
			if (t.equals("--times--")) {
				times = true;
				continue;
			}
			if (times) {
				if (++timesLine == 2) {
					String[] parts = t.split("\\s+");
					w.cpuSeconds = bashTime(parts[0]) + bashTime(parts[1]);
				}
				continue;
			}
			if (t.startsWith("Latency Distribution")) {
				distribution = true;
				continue;
			}
			if (distribution && t.startsWith("50%")) {
				w.p50ms = wrkMillis(t.split("\\s+")[1]);
			} else if (distribution && t.startsWith("99%")) {
				w.p99ms = wrkMillis(t.split("\\s+")[1]);
				distribution = false;
			} else if (t.contains("requests in")) {
				w.requests = Long.parseLong(t.split("\\s+")[0]);
			} else if (t.startsWith("Requests/sec:")) {
				w.rate = Double.parseDouble(t.split("\\s+")[1]);
			} else if (t.startsWith("Non-2xx")) {
				w.non2xx = Long.parseLong(t.substring(t.lastIndexOf(' ') + 1));
			} else if (t.startsWith("Socket errors:")) {
				Matcher m = Pattern.compile("(\\d+)").matcher(t);
				while (m.find()) {
					w.socketErrors += Long.parseLong(m.group(1));
				}
			}
		}
		return w;
	}

	static double wrkMillis(String text) {
		Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(text);
		if (!m.matches()) {
			return Double.NaN;
		}
		double v = Double.parseDouble(m.group(1));
		return switch (m.group(2)) {
			case "us" -> v / 1000;
			case "ms" -> v;
			case "s" -> v * 1000;
			default -> v * 60_000;
		};
	}

	static double bashTime(String text) {
		Matcher m = Pattern.compile("(\\d+)m([0-9.]+)s").matcher(text);
		return m.matches() ? Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) : Double.NaN;
	}

	// ------------------------------------------------------------------ CPU and threads

	long serviceTicks() throws IOException {
		return stat(Path.of("/proc/" + o.pid + "/stat"));
	}

	/** utime + stime of a /proc stat file, in clock ticks. */
	static long stat(Path file) throws IOException {
		String s = Files.readString(file);
		String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

	int threads() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + o.pid + "/status"))) {
			if (line.startsWith("Threads:")) {
				return Integer.parseInt(line.substring(8).trim());
			}
		}
		return -1;
	}

	/**
	 * A thread's group, CPU time (ns on a CPU) and how many times it was scheduled in, from
	 * /proc/PID/task/TID/schedstat: exact, where the clock ticks of task/TID/stat are rounded per
	 * thread, which over a thousand threads lost up to half the process's CPU in a test.
	 */
	record TaskCpu(String group, long nanos, long switches) {
	}

	/** Every thread of the service: its group (name without digits) and CPU ticks. */
	Map<Long, TaskCpu> tasks() {
		Map<Long, TaskCpu> tasks = new HashMap<>();
		try (var dirs = Files.list(Path.of("/proc/" + o.pid + "/task"))) {
			for (Path dir : (Iterable<Path>) dirs::iterator) {
				try {
					String comm = Files.readString(dir.resolve("comm")).strip();
					String[] schedstat = Files.readString(dir.resolve("schedstat")).strip().split(" ");
					tasks.put(Long.parseLong(dir.getFileName().toString()), new TaskCpu(group(comm),
							Long.parseLong(schedstat[0]), Long.parseLong(schedstat[2])));
				} catch (IOException | RuntimeException gone) {
					// the thread ended meanwhile
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return tasks;
	}

	static String group(String comm) {
		if (comm.startsWith("http-nio-")) {
			return "Tomcat http-nio-* (request threads, poller, acceptor)";
		}
		if (comm.startsWith("watch-pod-")) {
			return "watch-pod-* (one per watch)";
		}
		if (comm.startsWith("C1 ") || comm.startsWith("C2 ")) {
			return "JIT compiler threads";
		}
		if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
			return "G1 GC threads";
		}
		return comm.replaceAll("[0-9#]+$", "").trim();
	}

	/** Times the service's threads were scheduled in between two samples (threads that ended meanwhile are lost). */
	static long switches(Map<Long, TaskCpu> before, Map<Long, TaskCpu> after) {
		long n = 0;
		for (Map.Entry<Long, TaskCpu> e : after.entrySet()) {
			TaskCpu b = before.get(e.getKey());
			n += e.getValue().switches() - (b == null ? 0 : b.switches());
		}
		return n;
	}

	/** utime and stime of the service process, in clock ticks. */
	long[] serviceUserSystem() throws IOException {
		String s = Files.readString(Path.of("/proc/" + o.pid + "/stat"));
		String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
		return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
	}

	/** Service CPU seconds by thread group between two samples (threads that ended meanwhile are lost). */
	Map<String, Double> byGroup(Map<Long, TaskCpu> before, Map<Long, TaskCpu> after) {
		Map<String, Double> groups = new HashMap<>();
		for (Map.Entry<Long, TaskCpu> e : after.entrySet()) {
			TaskCpu b = before.get(e.getKey());
			long nanos = e.getValue().nanos() - (b == null ? 0 : b.nanos());
			groups.merge(e.getValue().group(), nanos / 1e9, Double::sum);
		}
		return groups;
	}

	long jvmCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	long[] ioCpu() {
		long[] cpu = new long[io.length];
		for (int i = 0; i < io.length; i++) {
			cpu[i] = ManagementFactory.getThreadMXBean().getThreadCpuTime(io[i].getId());
		}
		return cpu;
	}

	static long sum(long[] a, long[] b) {
		long s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] - b[i];
		}
		return s;
	}

	/** The service's thread count, sampled every second while wrk runs: its maximum. */
	final class ThreadSampler extends Thread {
		volatile int max;
		private final AtomicBoolean halted = new AtomicBoolean();

		ThreadSampler() {
			setDaemon(true);
		}

		@Override
		public void run() {
			while (!halted.get()) {
				try {
					max = Math.max(max, threads());
					Thread.sleep(1000);
				} catch (IOException | InterruptedException e) {
					return;
				}
			}
		}

		void halt() {
			halted.set(true);
			interrupt();
		}
	}

	// ------------------------------------------------------------------ the selector threads

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	/** What one selector thread counted during one B measurement; touched by that thread only. */
	static final class PhaseStats {
		final byte[] namespace;
		final Histogram latency = new Histogram();
		long lastEventMicros;
		long bytes;
		long negative;

		PhaseStats(String namespace) {
			this.namespace = namespace.getBytes(StandardCharsets.US_ASCII);
		}

		PhaseStats copy() {
			PhaseStats c = new PhaseStats(new String(namespace, StandardCharsets.US_ASCII));
			c.latency.add(latency);
			c.lastEventMicros = lastEventMicros;
			c.bytes = bytes;
			c.negative = negative;
			return c;
		}
	}

	/** One watch connection: HTTP/1.1 response headers, then a chunked body of JSON lines. */
	static final class Conn {
		final int id;
		final SocketChannel ch;
		final String node;
		final PhaseStats stats;
		IoThread io;
		volatile int status;
		volatile long delivered;
		long other;
		long outOfOrder;
		long errors;
		volatile boolean ended;
		String errorLine;
		long lastRevision;
		// headers
		private final StringBuilder headers = new StringBuilder();
		private boolean inBody;
		// chunked transfer decoding
		private static final int SIZE = 0, EXT = 1, DATA = 2, DATA_END = 3, DONE = 4;
		private int chunkState = SIZE;
		private long chunkSize;
		private long chunkLeft;
		// the line being assembled across reads
		private byte[] line = new byte[4096];
		private int lineLength;

		Conn(int id, SocketChannel ch, String node, PhaseStats stats) {
			this.id = id;
			this.ch = ch;
			this.node = node;
			this.stats = stats;
		}

		void close() {
			try {
				ch.close();
			} catch (IOException ignored) {
				// closing anyway
			}
		}

		/** Bytes read from the socket at time now. */
		void feed(byte[] b, int off, int len, long now) {
			stats.bytes += len;
			int i = off;
			int end = off + len;
			if (!inBody) {
				while (i < end) {
					headers.append((char) (b[i++] & 0xff));
					int n = headers.length();
					if (n >= 4 && headers.charAt(n - 1) == '\n' && headers.charAt(n - 2) == '\r'
							&& headers.charAt(n - 3) == '\n' && headers.charAt(n - 4) == '\r') {
						inBody = true;
						String h = headers.toString();
						int code = Integer.parseInt(h.substring(9, 12));
						if (code != 200) {
							errorLine = h.lines().findFirst().orElse("?");
						} else if (!h.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
							errorLine = "not chunked";
							code = 999;
						}
						status = code;
						break;
					}
				}
			}
			while (i < end) {
				switch (chunkState) {
					case SIZE -> {
						byte c = b[i++];
						if (c == '\n') {
							if (chunkSize == 0) {
								chunkState = DONE;
								ended = true;
							} else {
								chunkLeft = chunkSize;
								chunkState = DATA;
							}
						} else if (c == ';') {
							chunkState = EXT;
						} else if (c != '\r') {
							chunkSize = chunkSize * 16 + Character.digit(c, 16);
						}
					}
					case EXT -> {
						if (b[i++] == '\n') {
							chunkLeft = chunkSize;
							chunkState = chunkSize == 0 ? DONE : DATA;
						}
					}
					case DATA -> {
						int n = (int) Math.min(chunkLeft, end - i);
						data(b, i, n, now);
						i += n;
						chunkLeft -= n;
						if (chunkLeft == 0) {
							chunkState = DATA_END;
						}
					}
					case DATA_END -> {
						if (b[i++] == '\n') {
							chunkState = SIZE;
							chunkSize = 0;
						}
					}
					default -> i = end; // after the last chunk: nothing more is expected
				}
			}
		}

		/** Body bytes: complete lines are handled where they lie, a partial one is kept for the next read. */
		private void data(byte[] b, int off, int len, long now) {
			int end = off + len;
			int start = off;
			for (int i = off; i < end; i++) {
				if (b[i] == '\n') {
					if (lineLength == 0) {
						line(b, start, i - start, now);
					} else {
						append(b, start, i - start);
						line(line, 0, lineLength, now);
						lineLength = 0;
					}
					start = i + 1;
				}
			}
			if (start < end) {
				append(b, start, end - start);
			}
		}

		private void append(byte[] b, int off, int len) {
			if (lineLength + len > line.length) {
				line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
			}
			System.arraycopy(b, off, line, lineLength, len);
			lineLength += len;
		}

		private static final byte[] ADDED = "{\"type\":\"ADDED\",\"resourceVersion\":\"".getBytes(StandardCharsets.US_ASCII);
		private static final byte[] ERROR = "{\"type\":\"ERROR\"".getBytes(StandardCharsets.US_ASCII);
		private static final byte[] OBJECT_NAMESPACE = "\"object\":{\"namespace\":\"".getBytes(StandardCharsets.US_ASCII);
		private static final byte[] CREATED_AT = "\"createdAt\":\"".getBytes(StandardCharsets.US_ASCII);

		/** One line of the stream: a blank heartbeat, or an event. */
		private void line(byte[] b, int off, int len, long now) {
			if (len == 0 || (len == 1 && b[off] == '\r')) {
				return; // heartbeat
			}
			if (!startsWith(b, off, len, ADDED)) {
				if (startsWith(b, off, len, ERROR)) {
					errors++;
					if (errorLine == null) {
						errorLine = new String(b, off, Math.min(len, 300), StandardCharsets.UTF_8);
					}
				} else {
					other++;
				}
				return;
			}
			int i = off + ADDED.length;
			long revision = 0;
			while (b[i] != '"') {
				revision = revision * 10 + (b[i++] - '0');
			}
			if (revision <= lastRevision) {
				outOfOrder++;
			}
			lastRevision = revision;
			i += 2; // ",
			if (!startsWith(b, i, off + len - i, OBJECT_NAMESPACE)) {
				other++;
				return;
			}
			i += OBJECT_NAMESPACE.length;
			byte[] ns = stats.namespace;
			if (!startsWith(b, i, off + len - i, ns) || b[i + ns.length] != '"') {
				other++;
				return;
			}
			int at = lastIndexOf(b, off, len, CREATED_AT);
			if (at < 0) {
				other++;
				return;
			}
			long created = parseInstantMicros(b, at + CREATED_AT.length);
			long latency = now - created;
			if (latency < 0) {
				stats.negative++;
				latency = 0;
			}
			stats.latency.record(latency);
			stats.lastEventMicros = Math.max(stats.lastEventMicros, now);
			delivered++;
		}

		static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
			if (len < prefix.length) {
				return false;
			}
			for (int i = 0; i < prefix.length; i++) {
				if (b[off + i] != prefix[i]) {
					return false;
				}
			}
			return true;
		}

		static int lastIndexOf(byte[] b, int off, int len, byte[] key) {
			outer:
			for (int i = off + len - key.length; i >= off; i--) {
				for (int k = 0; k < key.length; k++) {
					if (b[i + k] != key[k]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

		private static long cachedDay = Long.MIN_VALUE;
		private static final byte[] cachedDate = new byte[10];

		/** 2026-12-05T20:17:17.138581Z in microseconds since the epoch (the date part cached). */
		static long parseInstantMicros(byte[] b, int i) {
			long day;
			synchronized (cachedDate) {
				boolean same = cachedDay != Long.MIN_VALUE;
				for (int k = 0; k < 10 && same; k++) {
					same = b[i + k] == cachedDate[k];
				}
				if (!same) {
					System.arraycopy(b, i, cachedDate, 0, 10);
					cachedDay = LocalDate.parse(new String(b, i, 10, StandardCharsets.US_ASCII)).toEpochDay();
				}
				day = cachedDay;
			}
			i += 11;
			long h = (b[i] - '0') * 10 + (b[i + 1] - '0');
			long m = (b[i + 3] - '0') * 10 + (b[i + 4] - '0');
			long s = (b[i + 6] - '0') * 10 + (b[i + 7] - '0');
			i += 8;
			long micros = 0;
			int digits = 0;
			if (b[i] == '.') {
				i++;
				while (b[i] >= '0' && b[i] <= '9') {
					if (digits < 6) {
						micros = micros * 10 + (b[i] - '0');
						digits++;
					}
					i++;
				}
			}
			while (digits < 6) {
				micros *= 10;
				digits++;
			}
			return ((day * 86_400 + h * 3600 + m * 60 + s) * 1_000_000) + micros;
		}
	}

	/** A selector thread: reads its watches' sockets as data comes; tasks from other threads run between selects. */
	static final class IoThread extends Thread {
		final int index;
		private final Selector selector;
		private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
		private final byte[] buffer = new byte[256 * 1024];
		private final ByteBuffer bb = ByteBuffer.wrap(buffer);

		IoThread(int index) throws IOException {
			super("watch-io-" + index);
			this.index = index;
			this.selector = Selector.open();
			setDaemon(true);
		}

		void register(Conn c) {
			c.io = this;
			tasks.add(() -> {
				try {
					c.ch.register(selector, SelectionKey.OP_READ, c);
				} catch (IOException e) {
					c.ended = true;
					c.errorLine = e.toString();
				}
			});
			selector.wakeup();
		}

		<T> T call(Callable<T> task) throws Exception {
			CompletableFuture<T> result = new CompletableFuture<>();
			tasks.add(() -> {
				try {
					result.complete(task.call());
				} catch (Exception e) {
					result.completeExceptionally(e);
				}
			});
			selector.wakeup();
			return result.get(60, TimeUnit.SECONDS);
		}

		@Override
		public void run() {
			while (!isInterrupted()) {
				try {
					selector.select();
					Runnable task;
					while ((task = tasks.poll()) != null) {
						task.run();
					}
					for (SelectionKey key : selector.selectedKeys()) {
						Conn c = (Conn) key.attachment();
						if (!key.isValid()) {
							continue;
						}
						bb.clear();
						int n;
						try {
							n = c.ch.read(bb);
						} catch (IOException e) {
							n = -1;
						}
						if (n < 0) {
							c.ended = true;
							key.cancel();
							c.close();
							continue;
						}
						c.feed(buffer, 0, n, nowMicros());
					}
					selector.selectedKeys().clear();
				} catch (IOException e) {
					System.err.println("selector failed: " + e);
					return;
				}
			}
		}
	}

	// ------------------------------------------------------------------ latency histogram

	/** Microseconds, log-linear buckets: exact below 1,024 µs, then 512 per power of two (0.2%). */
	static final class Histogram {
		final long[] counts = new long[1024 + 40 * 512];
		long total;
		long max;

		void record(long v) {
			counts[index(v)]++;
			total++;
			if (v > max) {
				max = v;
			}
		}

		static int index(long v) {
			if (v < 1024) {
				return (int) v;
			}
			int e = 63 - Long.numberOfLeadingZeros(v) - 9; // v >> e in [512, 1023]
			return 1024 + (e - 1) * 512 + (int) ((v >> e) - 512);
		}

		static long value(int index) {
			if (index < 1024) {
				return index;
			}
			int e = (index - 1024) / 512 + 1;
			long sub = (index - 1024) % 512 + 512;
			return (sub << e) + (1L << e) / 2;
		}

		void add(Histogram other) {
			for (int i = 0; i < counts.length; i++) {
				counts[i] += other.counts[i];
			}
			total += other.total;
			max = Math.max(max, other.max);
		}

		/** The value at or below which p percent of the samples lie (µs). */
		long percentile(double p) {
			if (total == 0) {
				return -1;
			}
			long rank = (long) Math.ceil(p / 100 * total);
			long seen = 0;
			for (int i = 0; i < counts.length; i++) {
				seen += counts[i];
				if (seen >= rank) {
					return Math.min(value(i), max);
				}
			}
			return max;
		}
	}

	// ------------------------------------------------------------------ results

	static final class Measurement {
		final String label;
		final boolean watched;
		final int round;
		String namespace;
		Wrk wrk;
		double seconds;
		double serviceCpuSeconds;
		int threadsIdle;
		int threadsMax;
		double watchConnections;
		double clientJvmCpuSeconds;
		double clientIoCpuSeconds;
		double clientJvmCpuDrainSeconds;
		double clientIoCpuDrainSeconds;
		Map<String, Double> byGroup = Map.of();
		double accountedCpuSeconds;
		double serviceUserSeconds;
		double serviceSystemSeconds;
		long contextSwitches;
		long threadsBorn;
		long threadsDied;
		String jfrFile;
		String perfFile;
		double waitedForClose;
		// with watches
		String fromRevision;
		double openSeconds;
		int watchesOpen;
		int watchesFailed;
		long wrkEndMicros;
		int expectedPods;
		long expectedEvents;
		long deliveredEvents;
		long nodeExpected;
		long nodeDelivered;
		int completeWatchers;
		int healthyWatchers;
		int healthyComplete;
		long healthyExpected;
		long healthyDelivered;
		long otherEvents;
		long outOfOrder;
		long errorEvents;
		int endedByService;
		long negativeLatencies;
		long bytes;
		double drainSeconds;
		Histogram latency;
		final List<String> notes = new ArrayList<>();

		Measurement(String label, boolean watched, int round) {
			this.label = label;
			this.watched = watched;
			this.round = round;
		}

		double cpuPerCreateMs() {
			return serviceCpuSeconds * 1000 / Math.max(1, wrk.requests);
		}
	}

	Measurement find(String label) {
		for (Measurement m : measurements) {
			if (m.label.equals(label)) {
				return m;
			}
		}
		return null;
	}

	static String ms(long micros) {
		if (micros < 0) {
			return "–";
		}
		if (micros < 10_000) {
			return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
		}
		if (micros < 1_000_000) {
			return String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
		}
		return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
	}

	static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	static String n(long v) {
		return String.format(Locale.ROOT, "%,d", v);
	}

	record Ratio(int round, double before, double with, double after, double ratio, double cpuRatio) {
	}

	List<Ratio> ratios() {
		List<Ratio> ratios = new ArrayList<>();
		for (int r = 1; r <= o.rounds; r++) {
			Measurement a0 = find("A" + (r - 1));
			Measurement b = find("B" + r);
			Measurement a1 = find("A" + r);
			double a = (a0.wrk.rate + a1.wrk.rate) / 2;
			double cpuA = (a0.cpuPerCreateMs() + a1.cpuPerCreateMs()) / 2;
			ratios.add(new Ratio(r, a0.wrk.rate, b.wrk.rate, a1.wrk.rate, b.wrk.rate / a, cpuA / b.cpuPerCreateMs()));
		}
		return ratios;
	}

	String summary() {
		StringBuilder s = new StringBuilder("summary:");
		for (Ratio r : ratios()) {
			s.append(f(" round %d %.0f/%.0f/%.0f creates/s = %.3fx;", r.round(), r.before(), r.with(), r.after(), r.ratio()));
		}
		for (Measurement m : measurements) {
			if (m.watched && m.round > 0) {
				s.append(f(" %s: %d/%d events (watches open to the end: %d/%d), p50 %s p99 %s max %s, client IO thread %.0f%% of a core, service threads %d;",
						m.label, m.deliveredEvents, m.expectedEvents, m.healthyDelivered, m.healthyExpected,
						ms(m.latency.percentile(50)), ms(m.latency.percentile(99)),
						ms(m.latency.max), 100 * (m.clientIoCpuSeconds) / m.seconds, m.threadsMax));
			}
		}
		return s.toString();
	}

	String tsv() {
		StringBuilder s = new StringBuilder("label\twatched\tround\tnamespace\tseconds\treq_per_s\trequests\tnon2xx\tsocket_errors"
				+ "\twrk_p50_ms\twrk_p99_ms\tservice_cpu_s\tthreads_idle\tthreads_max\tclient_jvm_cpu_s\tclient_io_cpu_s"
				+ "\twrk_cpu_s\texpected_events\tdelivered_events\tcomplete_watchers\tlat_p50_us\tlat_p99_us\tlat_max_us"
				+ "\tdrain_s\n");
		for (Measurement m : measurements) {
			s.append(String.join("\t", m.label, Boolean.toString(m.watched), Integer.toString(m.round), m.namespace,
					f("%.2f", m.seconds), f("%.1f", m.wrk.rate), Long.toString(m.wrk.requests), Long.toString(m.wrk.non2xx),
					Long.toString(m.wrk.socketErrors), f("%.2f", m.wrk.p50ms), f("%.2f", m.wrk.p99ms),
					f("%.2f", m.serviceCpuSeconds), Integer.toString(m.threadsIdle), Integer.toString(m.threadsMax),
					f("%.2f", m.clientJvmCpuSeconds), f("%.2f", m.clientIoCpuSeconds), f("%.2f", m.wrk.cpuSeconds),
					Long.toString(m.expectedEvents), Long.toString(m.deliveredEvents), Integer.toString(m.completeWatchers),
					Long.toString(m.latency == null ? -1 : m.latency.percentile(50)),
					Long.toString(m.latency == null ? -1 : m.latency.percentile(99)),
					Long.toString(m.latency == null ? -1 : m.latency.max), f("%.2f", m.drainSeconds))).append('\n');
		}
		return s.toString();
	}

	String report() throws IOException {
		StringBuilder s = new StringBuilder();
		String machine = f("%d cores, %s, Linux %s, Java %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
				System.getProperty("os.version"), System.getProperty("java.version"));
		s.append("# 1,000 watchers on one replica (issue 20)\n\n");
		s.append(f("`%s` (%s run), %s UTC, commit %s, %s. Total run time %.1f min.\n\n", o.command, o.mode,
				DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(started), o.commit, machine,
				Duration.between(started, Instant.now()).toSeconds() / 60.0));
		s.append(f("- Service: one process, %s, %s.\n", o.heap, o.database));
		s.append(f("- Cluster `%s`: %s nodes (maxPodsPerNode 250); every measurement creates pods in a namespace of its own, "
				+ "each on the next node in turn (`bench/lua/create-pods.lua`).\n", o.cluster, n(o.nodes)));
		s.append(f("- Load: `wrk -t1 -c%d -d%ds --latency`; each measurement %d s, after a warm-up of %d s without "
				+ "watches and %d s with them.\n", o.connections, o.duration, o.duration, o.warmup, o.warmup));
		s.append(f("- Watches (B): %s streams `GET /api/v1/clusters/%s/pods?watch=true&resourceVersion=R` (JSON lines), "
				+ "%s of the whole cluster's pods and %s of one node's pods each (half `node=`, half "
				+ "`fieldSelector=spec.nodeName=`; spread over the nodes), R the list's resourceVersion just before they open. "
				+ "They are opened before wrk starts, all answered 200, and closed after the last event arrived; the next A "
				+ "waits until the service reports no open watch (`podnet_watch_connections` 0).\n",
				n(o.watchers), o.cluster, n(o.watchers - o.nodeWatchers), n(o.nodeWatchers)));
		s.append(f("- Watch client: `java bench/WatchBench.java`, %d NIO selector thread(s) reading all the sockets "
				+ "(no thread per watch), scanning bytes for each event's type, resourceVersion, namespace and createdAt.\n\n",
				o.ioThreads));

		// ratios
		s.append("## Pod create throughput with and without watches\n\n");
		s.append("Each B (1,000 watches open) is bracketed by an A (none) right before and right after it; the ratio is "
				+ "B ÷ the mean of its two A. \"By CPU\" is the same ratio of the service's CPU time per create (A ÷ B), "
				+ "which other load on the shared machine disturbs less.\n\n");
		s.append("| round | A before, creates/s | B with watches, creates/s | A after, creates/s | ratio B ÷ A | by CPU | target ≥ 0.7× |\n");
		s.append("|---|---:|---:|---:|---:|---:|---|\n");
		List<Ratio> ratios = ratios();
		double minRatio = Double.MAX_VALUE;
		double maxRatio = 0;
		for (Ratio r : ratios) {
			s.append(f("| %d | %.0f | %.0f | %.0f | **%.3f×** | %.3f× | %s |\n", r.round(), r.before(), r.with(), r.after(),
					r.ratio(), r.cpuRatio(), r.ratio() >= 0.7 ? "met" : "missed"));
			minRatio = Math.min(minRatio, r.ratio());
			maxRatio = Math.max(maxRatio, r.ratio());
		}
		s.append(f("\nRatio over %d round(s): %.3f× to %.3f×.\n\n", ratios.size(), minRatio, maxRatio));

		// deliveries
		s.append("## Event delivery\n\n");
		s.append("Latency of each ADDED event a watch received: the watch client's clock when it read the bytes minus the "
				+ "pod's `createdAt`. Both clocks are this host's realtime clock (no skew between processes; an NTP step "
				+ "during the run would shift it). `createdAt` is taken when the service begins the create, before its "
				+ "inserts, its commit and H2's durable group commit, so the figure includes the write itself (wrk's create "
				+ "latency, below) and is an upper bound of \"acknowledged → delivered\"; it also includes the time a "
				+ "ready socket waits for the client's selector thread. Delivered ÷ expected: every watch's ADDED events "
				+ "of the measurement's namespace against the pods listed in that namespace afterwards (all of them for a "
				+ "watch of the cluster, its node's for a watch of one node).\n\n");
		s.append("| measurement | delivered ÷ expected events | watches complete | p50 | p90 | p99 | p99.9 | max | last event after wrk stopped | errors / ended / out of order | MB received |\n");
		s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
		for (Measurement m : measurements) {
			if (!m.watched) {
				continue;
			}
			Histogram h = m.latency;
			s.append(f("| %s | %s ÷ %s (%s) | %d of %d | %s | %s | %s | %s | %s | %.2f s | %d / %d / %d | %.0f |\n", m.label,
					n(m.deliveredEvents), n(m.expectedEvents), m.deliveredEvents == m.expectedEvents ? "all" : "**missing "
							+ n(m.expectedEvents - m.deliveredEvents) + "**",
					m.completeWatchers, m.watchesOpen, ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)),
					ms(h.percentile(99.9)), ms(h.max), m.drainSeconds, m.errorEvents, m.endedByService, m.outOfOrder,
					m.bytes / 1e6));
		}
		s.append("\n");
		for (int k = 0; k < measurements.size(); k++) {
			Measurement m = measurements.get(k);
			if (m.watched) {
				Measurement next = k + 1 < measurements.size() ? measurements.get(k + 1) : null;
				s.append(f("- %s: the %d watches that stayed open to the end (no ERROR event, not ended by the service) got "
						+ "%s of %s events, %d of them every one.\n", m.label, m.healthyWatchers, n(m.healthyDelivered),
						n(m.healthyExpected), m.healthyComplete));
				s.append(f("  %s pods created; watches of one node got %s of %s events; %s other events (not this "
						+ "namespace's ADDED); %d latencies below zero (clamped to 0); %d watches opened in %.1f s from "
						+ "resourceVersion %s, %d failed to open%s.%s\n", n(m.expectedPods), n(m.nodeDelivered),
						n(m.nodeExpected), n(m.otherEvents), m.negativeLatencies, m.watchesOpen, m.openSeconds,
						m.fromRevision, m.watchesFailed, next == null ? "" : f("; once closed, the service noticed the last "
								+ "of them %.1f s later", next.waitedForClose),
						m.notes.isEmpty() ? "" : " " + String.join("; ", m.notes)));
			}
		}

		// every measurement
		s.append("\n## Every measurement\n\n");
		s.append("Service CPU: the service process's utime+stime (/proc) while wrk ran, per create and as a share of the "
				+ "machine's 2 cores. Threads: the service's thread count (/proc/PID/status) with the watches open before wrk "
				+ "started, and its maximum sampled every second during wrk. Client CPU while wrk ran: the watch client's "
				+ "selector thread(s) and its whole JVM; in brackets, the same after wrk stopped until the last event "
				+ "arrived. wrk CPU: its user+system time (bash `times`).\n\n");
		s.append("| measurement | watches | creates/s | creates | non-2xx | wrk p50 / p99 | service CPU ms/create | service CPU % of 2 cores | threads (idle, max) | client CPU: selector thread, JVM | µs client CPU per event | wrk CPU |\n");
		s.append("|---|---:|---:|---:|---:|---|---:|---:|---|---|---:|---:|\n");
		int cores = Runtime.getRuntime().availableProcessors();
		for (Measurement m : measurements) {
			String client = m.watched ? f("%.0f%%, %.0f%% of a core (+%.1f s, %.1f s)", 100 * m.clientIoCpuSeconds / m.seconds,
					100 * m.clientJvmCpuSeconds / m.seconds, m.clientIoCpuDrainSeconds, m.clientJvmCpuDrainSeconds) : "–";
			String perEvent = m.watched && m.deliveredEvents > 0 ? f("%.2f", 1e6 * (m.clientIoCpuSeconds + m.clientIoCpuDrainSeconds)
					/ m.deliveredEvents) : "–";
			s.append(f("| %s | %s | %.0f | %s | %d | %.1f / %.1f ms | %.2f | %.0f%% | %d, %d | %s | %s | %.0f%% of a core |\n", m.label,
					m.watched ? n(m.watchesOpen) : "0", m.wrk.rate, n(m.wrk.requests), m.wrk.non2xx + m.wrk.socketErrors,
					m.wrk.p50ms, m.wrk.p99ms, m.cpuPerCreateMs(), 100 * m.serviceCpuSeconds / m.seconds / cores,
					m.threadsIdle, m.threadsMax, client, perEvent, 100 * m.wrk.cpuSeconds / m.seconds));
		}

		// where the service's CPU went
		Measurement lastB = find("B" + o.rounds);
		Measurement lastA = find("A" + o.rounds);
		if (lastB != null && lastA != null) {
			s.append(f("\n## Where the service's CPU went (by thread, %s against %s)\n\n", lastB.label, lastA.label));
			s.append("CPU seconds per second of wrk (1.00 = one core busy), each thread's time on a CPU from "
					+ "/proc/PID/task/*/schedstat, threads grouped by name; then the whole process (/proc/PID/stat, which "
					+ "also counts threads that ended meanwhile), its split into user and kernel time, and how often its "
					+ "threads were scheduled in (wake-ups, from schedstat).\n\n");
			s.append(f("| thread group | %s (watches) | %s (none) |\n|---|---:|---:|\n", lastB.label, lastA.label));
			Map<String, Double> all = new TreeMap<>();
			lastB.byGroup.forEach((k, v) -> all.merge(k, v / lastB.seconds, Double::sum));
			lastA.byGroup.forEach((k, v) -> all.merge(k, 0.0, Double::sum));
			List<Map.Entry<String, Double>> sorted = new ArrayList<>(all.entrySet());
			sorted.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
			double totalB = 0;
			double totalA = 0;
			for (Map.Entry<String, Double> e : sorted) {
				double b = lastB.byGroup.getOrDefault(e.getKey(), 0.0) / lastB.seconds;
				double a = lastA.byGroup.getOrDefault(e.getKey(), 0.0) / lastA.seconds;
				totalB += b;
				totalA += a;
				if (b >= 0.005 || a >= 0.005) {
					s.append(f("| %s | %.2f | %.2f |\n", e.getKey(), b, a));
				}
			}
			s.append(f("| **all threads alive at the end** | **%.2f** | **%.2f** |\n", totalB, totalA));
			s.append(f("| the process (/proc/PID/stat) | %.2f | %.2f |\n", lastB.serviceCpuSeconds / lastB.seconds,
					lastA.serviceCpuSeconds / lastA.seconds));
			s.append(f("| of it user / kernel | %.2f / %.2f | %.2f / %.2f |\n", lastB.serviceUserSeconds / lastB.seconds,
					lastB.serviceSystemSeconds / lastB.seconds, lastA.serviceUserSeconds / lastA.seconds,
					lastA.serviceSystemSeconds / lastA.seconds));
			s.append(f("| thread wake-ups per second | %s | %s |\n", n(Math.round(lastB.contextSwitches / lastB.seconds)),
					n(Math.round(lastA.contextSwitches / lastA.seconds))));
			s.append(f("| per create: CPU, wake-ups | %.2f ms, %s | %.2f ms, %s |\n", lastB.cpuPerCreateMs(),
					n(lastB.contextSwitches / Math.max(1, lastB.wrk.requests)), lastA.cpuPerCreateMs(),
					n(lastA.contextSwitches / Math.max(1, lastA.wrk.requests))));
			if (lastB.jfrFile != null) {
				s.append(f("\nFlight recordings of these two measurements: `%s`, `%s`.\n", lastB.jfrFile, lastA.jfrFile));
			}
			if (lastB.perfFile != null) {
				s.append(f("\nperf recordings of these two measurements: `%s`, `%s` (symbols of JIT code in /tmp/perf-%d.map).\n",
						lastB.perfFile, lastA.perfFile, o.pid));
			}
		}
		s.append("\n");
		return s.toString();
	}

	static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					String model = line.substring(line.indexOf(':') + 1).trim();
					return model.replaceAll("\\s+", " ");
				}
			}
		} catch (IOException ignored) {
			// not Linux
		}
		return "?";
	}

	static void log(String format, Object... args) {
		System.err.println(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()) + " "
				+ String.format(Locale.ROOT, format, args));
	}
}

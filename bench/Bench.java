import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * podnet's scale benchmark (issue 6): a load generator with no dependencies beyond the JDK,
 * run as {@code java bench/Bench.java --base http://127.0.0.1:PORT --pid PID ...} (normally
 * by {@code bench/run.sh}, which also starts and stops the service).
 *
 * <p>Through the HTTP API with a fixed pool of concurrent clients it loads one cluster
 * (5,000 nodes, 150,000 pods by default), measures each operation for a fixed time against a
 * plain single-object GET (the ceiling), compares node creation in IPv6 pod networks of 2^32
 * and 2^8 node subnets and pod creation on the empty and the loaded cluster, and writes a
 * Markdown report with the figures, the ratios and the targets.
 */
public class Bench {

	// ---------------------------------------------------------------- options

	static String base;
	static long pid = -1;
	static int nodes = 5000;
	static int podsPerNode = 30;
	static int namespaces = 100;
	static int threads = 16;
	static int duration = 20;
	static int warmup = 3;
	static int pageLimit = 500;
	static int v6Nodes = 200;
	static int v6Rounds = 3;
	static int firstLastSamples = 50;
	static long clkTck = 100;
	static String out = "bench/RESULTS.md";
	static String database = "H2";
	static String heap = "?";
	static String commit = "?";
	static String mode = "full";
	static String serviceLog;
	static String command = "bench/run.sh";

	static final String CLUSTER = "bench";
	static final String API = "/api/v1/clusters/";

	static HttpClient http;
	/** The service's admin secret: run.sh starts it with PODNET_ADMIN_TOKEN and passes it on. */
	static final String TOKEN = System.getenv().getOrDefault("PODNET_ADMIN_TOKEN", "");

	public static void main(String[] args) throws Exception {
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			String v = i + 1 < args.length ? args[i + 1] : null;
			switch (a) {
				case "--base" -> base = v;
				case "--pid" -> pid = Long.parseLong(v);
				case "--nodes" -> nodes = Integer.parseInt(v);
				case "--pods-per-node" -> podsPerNode = Integer.parseInt(v);
				case "--namespaces" -> namespaces = Integer.parseInt(v);
				case "--threads" -> threads = Integer.parseInt(v);
				case "--duration" -> duration = Integer.parseInt(v);
				case "--warmup" -> warmup = Integer.parseInt(v);
				case "--page-limit" -> pageLimit = Integer.parseInt(v);
				case "--v6-nodes" -> v6Nodes = Integer.parseInt(v);
				case "--v6-rounds" -> v6Rounds = Integer.parseInt(v);
				case "--clk-tck" -> clkTck = Long.parseLong(v);
				case "--out" -> out = v;
				case "--database" -> database = v;
				case "--heap" -> heap = v;
				case "--commit" -> commit = v;
				case "--mode" -> mode = v;
				case "--service-log" -> serviceLog = v;
				case "--command" -> command = v;
				default -> throw new IllegalArgumentException("unknown option " + a);
			}
			i++;
		}
		if (base == null) {
			throw new IllegalArgumentException("--base http://127.0.0.1:PORT is required");
		}
		if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
			throw new IllegalArgumentException("the benchmark only targets 127.0.0.1");
		}
		if (v6Nodes > 250) {
			throw new IllegalArgumentException("--v6-nodes must stay below the 256 subnets of the 2^8 network");
		}
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
				.build();
		new Bench().run();
	}

	// ---------------------------------------------------------------- HTTP

	record Resp(int status, String body) {
		boolean ok() {
			return status >= 200 && status < 300;
		}
	}

	static Resp call(String method, String path, String json) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
				.header("Authorization", "Bearer " + TOKEN);
		if (json != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		} else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			return new Resp(r.statusCode(), r.body());
		} catch (IOException e) {
			return new Resp(-1, e.toString());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Resp(-2, "interrupted");
		}
	}

	static Resp must(String method, String path, String json) {
		Resp r = call(method, path, json);
		if (!r.ok()) {
			throw new IllegalStateException(method + " " + path + " -> " + r.status + " " + r.body);
		}
		return r;
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String podBody(String name, String node) {
		return "{\"name\":\"" + name + "\",\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"app\","
				+ "\"image\":\"registry.example/app:1.0\",\"ports\":[{\"containerPort\":8080}]}]}";
	}

	static String nodeName(int k) {
		return "node-" + k;
	}

	/** Namespace and name of the j-th loaded pod of node k. */
	static String[] loadedPod(int k, int j) {
		return new String[] {"ns-" + (k % namespaces), "pod-" + k + "-" + j};
	}

	static final Pattern CONTINUE = Pattern.compile("\"continue\"\\s*:\\s*\"([^\"]+)\"");
	static final Pattern DISPOSITION = Pattern.compile("\"disposition\"\\s*:\\s*\"([A-Z_]+)\"");
	static final Pattern SCOPE = Pattern.compile("\"scope\"\\s*:\\s*\"([A-Z_]+)\"");
	static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	static String group(Pattern p, String s) {
		Matcher m = p.matcher(s);
		return m.find() ? m.group(1) : null;
	}

	static int count(String haystack, String needle) {
		int n = 0;
		for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
			n++;
		}
		return n;
	}

	// ---------------------------------------------------------------- measurement

	/** One request's outcome: null error means success; STOP means the worker has nothing left to do. */
	record Outcome(String error, long nanos) {
		static final Outcome STOP = new Outcome("stop", 0);

		static Outcome of(Resp r, long nanos) {
			return new Outcome(r.ok() ? null : "HTTP " + r.status + ": " + abbreviate(r.body), nanos);
		}
	}

	static String abbreviate(String s) {
		s = s == null ? "" : s.replaceAll("\\s+", " ");
		return s.length() > 240 ? s.substring(0, 240) + "…" : s;
	}

	interface Worker {
		Outcome step(ThreadLocalRandom rnd);
	}

	interface WorkerFactory {
		Worker create(int thread);
	}

	/** Latencies of one thread, then of a whole phase. */
	static final class Rec {
		long[] lat = new long[4096];
		int n;
		final Map<String, Long> errors = new TreeMap<>();

		void ok(long nanos) {
			if (n == lat.length) {
				lat = Arrays.copyOf(lat, n * 2);
			}
			lat[n++] = nanos;
		}

		void error(String e) {
			int colon = e.indexOf(':');
			String key = colon > 0 ? e.substring(0, colon) : e;
			key = key.length() > 60 ? key.substring(0, 60) : key;
			errors.merge(key, 1L, Long::sum);
			firstError.putIfAbsent(key, e);
		}

		final Map<String, String> firstError = new TreeMap<>();

		void addAll(Rec o) {
			for (int i = 0; i < o.n; i++) {
				ok(o.lat[i]);
			}
			o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
			o.firstError.forEach(firstError::putIfAbsent);
		}
	}

	static final class Result {
		String name;
		long ok;
		long errors;
		Map<String, Long> errorKinds = new TreeMap<>();
		Map<String, String> errorSamples = new TreeMap<>();
		double seconds;
		long[] sorted = new long[0];
		double serverCpu;
		double clientCpu;
		/** Share of the machine's CPU used by other processes than the service and the load generator. */
		double otherCpu = Double.NaN;
		/** Share of the measurement's wall time the service's threads stood still in GC pauses. */
		double gcPauses = Double.NaN;

		double rate() {
			return seconds > 0 ? ok / seconds : Double.NaN;
		}

		/** Nearest-rank percentile in milliseconds. */
		double p(double q) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int idx = (int) Math.ceil(q * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
		}

		double serverCpuPerRequest() {
			long n = ok + errors;
			return n == 0 ? Double.NaN : serverCpu * 1000 / n;
		}

		double clientCpuPerRequest() {
			long n = ok + errors;
			return n == 0 ? Double.NaN : clientCpu * 1000 / n;
		}

		static Result of(String name, Rec rec, double seconds, double serverCpu, double clientCpu) {
			Result r = new Result();
			r.name = name;
			r.ok = rec.n;
			r.sorted = Arrays.copyOf(rec.lat, rec.n);
			Arrays.sort(r.sorted);
			r.errorKinds = rec.errors;
			r.errorSamples = rec.firstError;
			r.errors = rec.errors.values().stream().mapToLong(Long::longValue).sum();
			r.seconds = seconds;
			r.serverCpu = serverCpu;
			r.clientCpu = clientCpu;
			return r;
		}
	}

	final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
		Thread t = new Thread(r, "bench-client");
		t.setDaemon(true);
		return t;
	});

	/**
	 * Runs the workers on all clients until {@code seconds} have passed or every worker stopped;
	 * requests started before the deadline complete and count, and the rate is over the time the
	 * last one finished.
	 */
	Result timed(String name, double seconds, WorkerFactory factory) throws Exception {
		double gc0 = gcPauseSeconds(); // before the clock starts: jcmd is a JVM of its own
		long cpu0 = serverCpuTicks();
		long client0 = clientCpuNanos();
		long[] machine0 = machineTicks();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicLong lastEnd = new AtomicLong();
		long[] startHolder = new long[1];
		List<Future<Rec>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Worker w = factory.create(t);
			futures.add(pool.submit(() -> {
				Rec rec = new Rec();
				ThreadLocalRandom rnd = ThreadLocalRandom.current();
				ready.countDown();
				go.await();
				long end = startHolder[0] + (long) (seconds * 1e9);
				while (System.nanoTime() < end) {
					Outcome o = w.step(rnd);
					if (o == Outcome.STOP) {
						break;
					}
					if (o.error() == null) {
						rec.ok(o.nanos());
					} else {
						rec.error(o.error());
					}
				}
				lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
				return rec;
			}));
		}
		ready.await();
		startHolder[0] = System.nanoTime();
		go.countDown();
		Rec all = new Rec();
		for (Future<Rec> f : futures) {
			all.addAll(f.get());
		}
		double elapsed = (lastEnd.get() - startHolder[0]) / 1e9;
		Result r = Result.of(name, all, elapsed, (serverCpuTicks() - cpu0) / (double) clkTck,
				(clientCpuNanos() - client0) / 1e9);
		r.otherCpu = otherShare(machine0, machineTicks(), r);
		r.gcPauses = (gcPauseSeconds() - gc0) / elapsed;
		log(String.format(Locale.ROOT, "%-34s %8d ok %5d err %8.1f req/s  p50 %7.2f ms  p99 %8.2f ms  (%.1f s)"
				+ "  cpu ms/req service %.2f client %.2f, other processes %.0f%%, GC pauses %.0f%%", name, r.ok,
				r.errors, r.rate(), r.p(0.5), r.p(0.99), r.seconds, r.serverCpuPerRequest(), r.clientCpuPerRequest(),
				100 * r.otherCpu, 100 * r.gcPauses));
		if (r.errors > 0) {
			r.errorSamples.forEach((k, v) -> log("    first error " + k + ": " + v));
		}
		return r;
	}

	/**
	 * Warm-up (not recorded), then the measured run, with the same kind of workers. Between them
	 * the service's JIT compile queue is let drain: on 2 cores one C2 thread takes minutes to
	 * compile a new request kind, and a measurement taken meanwhile measures the compiler.
	 */
	Result phase(String name, WorkerFactory factory) throws Exception {
		return phase(name, factory, true);
	}

	/**
	 * As {@link #phase(String, WorkerFactory)}; untilSteady repeats the warm-up (at most
	 * {@value #MAX_EXTRA_WARM_UPS} more times) while the service's CPU per request still falls by
	 * more than 5% from one to the next, i.e. while the JIT is still compiling this request kind.
	 * Deletes do not, as they use up the pods made for them.
	 */
	Result phase(String name, WorkerFactory factory, boolean untilSteady) throws Exception {
		warmUp(name, factory, untilSteady);
		Result r = timed(name, duration, factory);
		rss(name);
		return r;
	}

	/**
	 * As {@link #phase(String, WorkerFactory, boolean)}, but the measurement is bracketed by the
	 * ceiling GET: half the duration of it right before, then the operation, then the other half
	 * right after, and those two halves are kept as this operation's own ceiling
	 * ({@link #pairedGets}). The machine's speed drifts (on this shared VM the same GET's CPU per
	 * request moved by 30% between two 5 s runs a minute apart), and a drift steady over the minute
	 * cancels out of a bracket. One operation run, not several short ones: what an operation leaves
	 * behind (garbage, pages H2 writes in the background) weighs on whatever runs next, and with
	 * one bracket only the second half of the GET pays for it.
	 */
	Result paired(String name, WorkerFactory factory, boolean untilSteady, WorkerFactory ceiling) throws Exception {
		warmUp(name, factory, untilSteady);
		List<Result> gets = new ArrayList<>();
		gets.add(timed("GET node, before " + name, duration / 2.0, ceiling));
		List<Result> operation = List.of(timed(name, duration, factory));
		gets.add(timed("GET node, after " + name, duration / 2.0, ceiling));
		Result r = merge(name, operation);
		Result get = merge("GET node, right before and after " + name, gets);
		pairedGets.put(name, get);
		log(String.format(Locale.ROOT, "%s: %.1f req/s against %.1f req/s of the GET right before and after = %.2f×; by CPU "
				+ "per request %.2f×", name, r.rate(), get.rate(), r.rate() / get.rate(),
				get.serverCpuPerRequest() / r.serverCpuPerRequest()));
		rss(name);
		return r;
	}

	/** Slices of each of two operations compared by {@link #interleaved}: A B B A A B B A. */
	static final int INTERLEAVED_SLICES = 4;

	/**
	 * Unmeasured lead-in of every slice of {@link #interleaved}, long enough for what the slice
	 * before left behind (H2 writes its changes in the background every 0.5 s, young garbage) to be
	 * paid before this slice's clock starts.
	 */
	static final double LEAD_IN_SECONDS = 1.5;

	/**
	 * Two operations compared with each other, each measured for the duration in total, in slices
	 * taken in turn (A B B A A B B A), bracketed as a whole by the ceiling GET as in {@link #paired}.
	 * The machine's speed drifts by 20–30% from one minute to the next: two operations measured
	 * minutes apart compared the minutes as much as the operations, while a steady drift cancels out
	 * of slices taken in turn, and the A B B A order gives neither operation the earlier place
	 * more often. Each slice starts with an unmeasured lead-in of the same operation, so the
	 * background work the other operation left behind is not charged to it.
	 *
	 * @return the two measurements, A then B, each with the whole bracket as its ceiling
	 */
	Result[] interleaved(String a, WorkerFactory fa, String b, WorkerFactory fb, WorkerFactory ceiling)
			throws Exception {
		warmUp(a, fa, true);
		warmUp(b, fb, true);
		List<Result> gets = new ArrayList<>();
		List<Result> partsA = new ArrayList<>();
		List<Result> partsB = new ArrayList<>();
		double slice = duration / (double) INTERLEAVED_SLICES;
		gets.add(timed("GET node, before " + a + " and " + b, duration / 2.0, ceiling));
		for (int i = 0; i < 2 * INTERLEAVED_SLICES; i++) {
			boolean isA = i % 4 == 0 || i % 4 == 3;
			String name = isA ? a : b;
			WorkerFactory f = isA ? fa : fb;
			timed(name + " (lead-in)", LEAD_IN_SECONDS, f);
			(isA ? partsA : partsB).add(timed(name + " (slice " + (i / 2 + 1) + " of " + INTERLEAVED_SLICES + ")",
					slice, f));
		}
		gets.add(timed("GET node, after " + a + " and " + b, duration / 2.0, ceiling));
		Result ra = merge(a, partsA);
		Result rb = merge(b, partsB);
		Result get = merge("GET node, right before and after " + a + " and " + b, gets);
		pairedGets.put(a, get);
		pairedGets.put(b, get);
		log(String.format(Locale.ROOT, "%s: %.1f req/s, %s: %.1f req/s, taken in turn = %.2f×; by CPU per request "
				+ "%.2f×; the GET right before and after: %.1f req/s", a, ra.rate(), b, rb.rate(), ra.rate() / rb.rate(),
				rb.serverCpuPerRequest() / ra.serverCpuPerRequest(), get.rate()));
		rss(a + " and " + b);
		return new Result[] {ra, rb};
	}

	/** Runs of the ceiling GET, each bracketing the operation it is named by (see {@link #paired}). */
	final Map<String, Result> pairedGets = new LinkedHashMap<>();

	/** One result of several runs of one kind: their requests, latencies, times and CPU added up. */
	static Result merge(String name, List<Result> parts) {
		Result r = new Result();
		r.name = name;
		r.sorted = parts.stream().flatMapToLong(p -> Arrays.stream(p.sorted)).sorted().toArray();
		double other = 0;
		double gc = 0;
		for (Result p : parts) {
			r.ok += p.ok;
			r.errors += p.errors;
			p.errorKinds.forEach((k, v) -> r.errorKinds.merge(k, v, Long::sum));
			p.errorSamples.forEach(r.errorSamples::putIfAbsent);
			r.seconds += p.seconds;
			r.serverCpu += p.serverCpu;
			r.clientCpu += p.clientCpu;
			other += p.otherCpu * p.seconds;
			gc += p.gcPauses * p.seconds;
		}
		r.otherCpu = other / r.seconds;
		r.gcPauses = gc / r.seconds;
		return r;
	}

	/** The warm-up of {@link #phase}, then a wait for the JIT compile queue to drain. */
	void warmUp(String name, WorkerFactory factory, boolean untilSteady) throws Exception {
		if (warmup > 0) {
			Result warm = timed(name + " (warm-up)", warmup, factory);
			int extra = 0;
			while (untilSteady && extra < MAX_EXTRA_WARM_UPS) {
				Result next = timed(name + " (warm-up, until steady)", warmup, factory);
				extra++;
				boolean steady = next.serverCpuPerRequest() > 0.95 * warm.serverCpuPerRequest();
				warm = next;
				if (steady) {
					break;
				}
			}
			warmups.put(name, warm);
			extraWarmUps.put(name, extra);
		}
		settleJit(name);
	}

	/** Runs {@code count} numbered tasks on all clients and measures the whole. */
	Result tasks(String name, int count, TaskBody body, Rec[] slices) throws Exception {
		long cpu0 = serverCpuTicks();
		long client0 = clientCpuNanos();
		long[] machine0 = machineTicks();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		AtomicLong lastEnd = new AtomicLong();
		long start = System.nanoTime();
		List<Future<Rec[]>> futures = new ArrayList<>();
		int sliceCount = slices == null ? 1 : slices.length;
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				Rec[] recs = new Rec[sliceCount];
				for (int i = 0; i < sliceCount; i++) {
					recs[i] = new Rec();
				}
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					long t0 = System.nanoTime();
					Resp r = body.run(i);
					for (int attempt = 1; !r.ok() && (r.status >= 500 || r.status < 0) && attempt <= 3; attempt++) {
						r = body.run(i); // a failed write changes nothing, so it may be retried
					}
					long dt = System.nanoTime() - t0;
					Rec rec = recs[(int) ((long) i * sliceCount / count)];
					if (r.ok()) {
						rec.ok(dt);
					} else {
						rec.error("HTTP " + r.status + ": " + abbreviate(r.body));
					}
					done.incrementAndGet();
					lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
				}
				return recs;
			}));
		}
		long lastReport = start;
		int reportEvery = Math.max(1, count / 20);
		int reported = 0;
		while (futures.stream().anyMatch(f -> !f.isDone())) {
			Thread.sleep(20);
			int d = done.get();
			if (d / reportEvery > reported / reportEvery && d < count) {
				long now = System.nanoTime();
				log(String.format(Locale.ROOT, "  %s: %d/%d (%.0f/s over the last %d)", name, d, count,
						(d - reported) / ((now - lastReport) / 1e9), d - reported));
				reported = d;
				lastReport = now;
			}
		}
		Rec all = new Rec();
		for (Future<Rec[]> f : futures) {
			Rec[] recs = f.get();
			for (int i = 0; i < sliceCount; i++) {
				all.addAll(recs[i]);
				if (slices != null) {
					slices[i].addAll(recs[i]);
				}
			}
		}
		double elapsed = (Math.max(lastEnd.get(), start) - start) / 1e9; // when the last task finished
		Result r = Result.of(name, all, elapsed, (serverCpuTicks() - cpu0) / (double) clkTck,
				(clientCpuNanos() - client0) / 1e9);
		r.otherCpu = otherShare(machine0, machineTicks(), r);
		log(String.format(Locale.ROOT, "%-34s %8d ok %5d err %8.1f /s  p50 %7.2f ms  p99 %8.2f ms  (%.1f s)"
				+ "  cpu ms/req service %.2f client %.2f, other processes %.0f%%", name, r.ok, r.errors, r.rate(),
				r.p(0.5), r.p(0.99), r.seconds, r.serverCpuPerRequest(), r.clientCpuPerRequest(), 100 * r.otherCpu));
		r.errorSamples.forEach((k, v) -> log("    first error " + k + ": " + v));
		return r;
	}

	interface TaskBody {
		Resp run(int i);
	}

	// ---------------------------------------------------------------- process figures

	long serverCpuTicks() {
		if (pid < 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
		} catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	/** Busy and total CPU ticks of the whole machine, from /proc/stat. */
	static long[] machineTicks() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			long total = 0;
			for (int i = 1; i < f.length && i <= 8; i++) {
				long v = Long.parseLong(f[i]);
				total += v;
				if (i != 4 && i != 5) { // idle, iowait
					busy += v;
				}
			}
			return new long[] {busy, total};
		} catch (IOException | RuntimeException e) {
			return new long[] {0, 0};
		}
	}

	/** The share of the machine's CPU capacity that other processes used meanwhile. */
	double otherShare(long[] before, long[] after, Result r) {
		long total = after[1] - before[1];
		if (total <= 0) {
			return Double.NaN;
		}
		double otherTicks = (after[0] - before[0]) - (r.serverCpu + r.clientCpu) * clkTck;
		return Math.max(0, otherTicks / total);
	}

	static long clientCpuNanos() {
		var os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
	}

	/** kB from /proc/PID/status, or -1. */
	long status(String field) {
		if (pid < 0) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException e) {
			// the service is gone
		}
		return -1;
	}

	final Map<String, long[]> rssTimeline = new LinkedHashMap<>();
	final Map<String, Result> warmups = new LinkedHashMap<>();
	/** Per measurement: what the JIT compile queue held after its warm-up, and the wait for it to drain. */
	final Map<String, String> jitWaits = new LinkedHashMap<>();
	/** Per measurement: how many warm-ups beyond the first it took to reach a steady CPU per request. */
	final Map<String, Integer> extraWarmUps = new LinkedHashMap<>();
	static final int MAX_EXTRA_WARM_UPS = 10;

	/** The service's heap and metaspace as {@code jcmd PID GC.heap_info} tells them. */
	void heapInfo(String when) {
		if (pid < 0) {
			return;
		}
		try {
			String text = jcmd("GC.heap_info");
			List<String> parts = new ArrayList<>();
			for (String line : text.split("\n")) {
				String t = line.trim();
				if (t.contains("heap") && t.contains("total")) {
					parts.add("heap " + t.replaceAll(".*total ([^,\\s]+), used ([^,\\s]+).*", "used $2 of $1 committed"));
				} else if (t.startsWith("Metaspace")) {
					parts.add("metaspace " + t.replaceAll(".*used ([^,\\s]+), committed ([^,\\s]+).*", "used $1, committed $2"));
				}
			}
			heapInfos.put(when, String.join("; ", parts));
		} catch (IOException e) {
			heapInfos.put(when, "jcmd failed: " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	void rss(String when) {
		rssTimeline.put(when, new long[] {status("VmRSS"), status("VmHWM")});
	}

	static final long START = System.nanoTime();

	static void log(String s) {
		System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, s);
	}

	// ---------------------------------------------------------------- the run

	Result nodeLoad;
	Result podLoad;
	Rec[] podLoadSlices;
	Result getNode;
	Result getNodeAgain;
	Result emptyNodeLoad;
	final Map<String, String> heapInfos = new LinkedHashMap<>();
	Result getPod;
	Result path;
	Result listConcurrent;
	Result createEmpty;
	Result deleteEmpty;
	Result createLoaded;
	Result deleteLoaded;
	Result v6Big;
	Result v6Small;
	String v6BigTotal;
	String v6SmallTotal;
	final List<String> pageTokens = new ArrayList<>();
	final Rec[] pageByTenth = new Rec[10];
	{
		for (int i = 0; i < pageByTenth.length; i++) {
			pageByTenth[i] = new Rec();
		}
	}
	int lastPageItems;
	final List<String> walkProblems = new ArrayList<>();
	long seqWalkNanos;
	int seqWalkPages;
	long seqWalkItems;
	long[] seqPageNanos = new long[0];
	long[] firstPageSeq = new long[0];
	long[] lastPageSeq = new long[0];
	final Map<String, Long> pathDispositions = new TreeMap<>();
	double totalSeconds;
	/** The last step done; the report is rewritten after each, so a stopped run leaves its figures. */
	String stage = "start";
	boolean complete;
	int exportStatus;
	long exportBytes;
	long exportLines;
	double exportSeconds;

	void done(String what) {
		stage = what;
		totalSeconds = (System.nanoTime() - START) / 1e9;
		try {
			write();
		} catch (IOException | RuntimeException e) {
			log("could not write the partial report: " + e);
		}
	}

	static Result placeholder(String name) {
		Result r = new Result();
		r.name = name;
		return r;
	}

	void run() throws Exception {
		log("podnet benchmark against " + base + " (" + mode + "): " + nodes + " nodes x " + podsPerNode + " pods, "
				+ threads + " clients, " + duration + " s per measurement (+" + warmup + " s warm-up)");
		rss("start (idle service)");
		String health = must("GET", "/actuator/health", null).body;
		log("health: " + health);

		warmUpJvm();
		must("POST", API.replaceAll("/$", ""), "{\"name\":\"" + CLUSTER + "\",\"nodeNetwork\":\"10.0.0.0/16\","
				+ "\"podNetwork\":\"10.128.0.0/9\"}");
		String c = API + CLUSTER;

		// 1a. nodes
		log("loading " + nodes + " nodes");
		nodeLoad = tasks("load: node create", nodes,
				i -> call("POST", c + "/nodes", "{\"name\":\"" + nodeName(i) + "\"}"), null);
		rss("after " + nodes + " nodes");
		done("loading the nodes");

		// 1b. pods
		int podCount = nodes * podsPerNode;
		log("loading " + podCount + " pods");
		podLoadSlices = new Rec[10];
		for (int i = 0; i < podLoadSlices.length; i++) {
			podLoadSlices[i] = new Rec();
		}
		podLoad = tasks("load: pod create", podCount, i -> {
			int k = i % nodes;
			int j = i / nodes;
			String[] p = loadedPod(k, j);
			Resp r = call("POST", c + "/namespaces/" + p[0] + "/pods", podBody(p[1], nodeName(k)));
			return r.status == 409 && r.body.contains("already-exists") ? new Resp(201, "retried") : r;
		}, podLoadSlices);
		rss("after " + podCount + " pods");
		heapInfo("after " + podCount + " pods");
		done("loading the pods");

		// 2. the loaded cluster
		getNode = phase("GET node (ceiling)", getNodeOf(c));
		getPod = phase("GET pod", t -> rnd -> {
			String[] p = loadedPod(rnd.nextInt(nodes), rnd.nextInt(podsPerNode));
			long t0 = System.nanoTime();
			Resp r = call("GET", c + "/namespaces/" + p[0] + "/pods/" + p[1], null);
			return Outcome.of(r, System.nanoTime() - t0);
		});
		path = paired("path between pods on 2 nodes", t -> rnd -> {
			int k1 = rnd.nextInt(nodes);
			int k2 = (k1 + 1 + rnd.nextInt(nodes - 1)) % nodes;
			String[] a = loadedPod(k1, rnd.nextInt(podsPerNode));
			String[] b = loadedPod(k2, rnd.nextInt(podsPerNode));
			long t0 = System.nanoTime();
			Resp r = call("GET", c + "/paths?from=" + enc(a[0] + "/" + a[1]) + "&to=" + enc(b[0] + "/" + b[1])
					+ "&port=8080", null);
			long dt = System.nanoTime() - t0;
			if (!r.ok()) {
				return Outcome.of(r, dt);
			}
			String d = group(DISPOSITION, r.body) + "/" + group(SCOPE, r.body);
			synchronized (pathDispositions) {
				pathDispositions.merge(d, 1L, Long::sum);
			}
			return d.equals("ACCEPTED/CROSS_NODE") ? new Outcome(null, dt)
					: new Outcome("unexpected " + d + ": " + abbreviate(r.body), dt);
		}, true, getNodeOf(c));
		done("the GET and path measurements");

		// the whole cluster's script (issue 16): streamed a page at a time, so it must come whole
		// out of a service whose heap is smaller than the answer and its rows
		long exportStart = System.nanoTime();
		Resp script = call("GET", c + "/ip-config", null);
		exportSeconds = (System.nanoTime() - exportStart) / 1e9;
		exportStatus = script.status();
		exportBytes = script.body().getBytes(StandardCharsets.UTF_8).length;
		exportLines = script.body().lines().count();
		rss("after the whole-cluster export");
		log(String.format(Locale.ROOT, "whole-cluster ip-config: %d, %,d bytes, %,d lines in %.1f s",
				exportStatus, exportBytes, exportLines, exportSeconds));

		// 2 and 3b. pod create on the loaded cluster and on a cluster of as many nodes and no pods,
		// taken in turn (see interleaved); then pod delete on each
		String e = API + "empty";
		must("POST", API.replaceAll("/$", ""), "{\"name\":\"empty\",\"nodeNetwork\":\"10.2.0.0/16\","
				+ "\"podNetwork\":\"10.96.0.0/11\"}");
		log("loading " + nodes + " nodes into the empty cluster");
		emptyNodeLoad = tasks("load: node create, empty cluster", nodes,
				i -> call("POST", e + "/nodes", "{\"name\":\"" + nodeName(i) + "\"}"), null);
		ConcurrentLinkedQueue<String[]> loadedPool = new ConcurrentLinkedQueue<>();
		AtomicLong loadedSeq = new AtomicLong();
		ConcurrentLinkedQueue<String[]> emptyPool = new ConcurrentLinkedQueue<>();
		AtomicLong emptySeq = new AtomicLong();
		Result[] creates = interleaved("pod create, loaded cluster",
				t -> createWorker(c, "create-loaded", loadedSeq, loadedPool), "pod create, empty cluster",
				t -> createWorker(e, "create-empty", emptySeq, emptyPool), getNodeOf(c));
		createLoaded = creates[0];
		createEmpty = creates[1];
		topUp(c, "create-loaded", loadedSeq, loadedPool, createLoaded.rate());
		deleteLoaded = paired("pod delete, loaded cluster", t -> deleteWorker(c, loadedPool), false, getNodeOf(c));
		drain(c, loadedPool);
		topUp(e, "create-empty", emptySeq, emptyPool, createEmpty.rate());
		deleteEmpty = paired("pod delete, empty cluster", t -> deleteWorker(e, emptyPool), false, getNodeOf(e));
		drain(e, emptyPool);
		getNodeAgain = phase("GET node (ceiling), again", getNodeOf(c));
		done("the pod write measurements");

		// 3a. node create in IPv6 pod networks of 2^32 and 2^8 node subnets
		ipv6();
		done("the IPv6 node measurements");

		// 2, last: listing (on H2 it makes the database sort large temporary results, whose clean-up
		// would otherwise weigh on the measurements that follow)
		sequentialList(c, podCount);
		listConcurrent = phase("list pods, random page of " + pageLimit, t -> listWorker(c));
		rss("end");
		heapInfo("end");
		complete = true;
		done("everything");
		log("wrote " + out);
	}

	/** The ceiling: GET of a random node of the cluster at that path. */
	WorkerFactory getNodeOf(String cluster) {
		return t -> rnd -> {
			long t0 = System.nanoTime();
			Resp r = call("GET", cluster + "/nodes/" + nodeName(rnd.nextInt(nodes)), null);
			return Outcome.of(r, System.nanoTime() - t0);
		};
	}

	/** What {@code jcmd PID COMMAND} answers about the service (the jcmd of the JDK running this). */
	static String jcmd(String command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid), command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(30, TimeUnit.SECONDS)) {
			p.destroy();
		}
		return out;
	}

	/** Compile tasks waiting in the service's JIT queues (jcmd Compiler.queue), or -1 if unknown. */
	static int jitQueue() {
		try {
			String out = jcmd("Compiler.queue");
			// a queued task is a line "<compile id> <flags> <tier> <method> (<size> bytes)"
			return (int) out.lines().filter(line -> line.matches("\\s*\\d+\\s.*\\(\\d+ bytes\\).*")).count();
		} catch (IOException | RuntimeException e) {
			return -1;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Seconds the service has spent in stop-the-world GC pauses since it started, from the
	 * collectors' time counters (jcmd PerfCounter.print), or NaN if unknown.
	 */
	static double gcPauseSeconds() {
		try {
			String out = jcmd("PerfCounter.print");
			double ticks = 0;
			double frequency = Double.NaN;
			for (String line : out.lines().toList()) {
				String[] kv = line.split("=", 2);
				if (kv.length == 2 && kv[0].matches("sun\\.gc\\.collector\\.\\d+\\.time")) {
					ticks += Double.parseDouble(kv[1].trim());
				} else if (kv.length == 2 && kv[0].equals("sun.os.hrt.frequency")) {
					frequency = Double.parseDouble(kv[1].trim());
				}
			}
			return ticks / frequency;
		} catch (IOException | RuntimeException e) {
			return Double.NaN;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/** Waits (up to 2 minutes) until the service's JIT compile queue is empty; records how long. */
	void settleJit(String before) throws Exception {
		long t0 = System.nanoTime();
		int first = jitQueue();
		int queued = first;
		while (queued > 0 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(2)) {
			Thread.sleep(500);
			queued = jitQueue();
		}
		double waited = (System.nanoTime() - t0) / 1e9;
		jitWaits.put(before, String.format(Locale.ROOT, "%d queued, %.1f s%s", first, waited,
				queued > 0 ? " (" + queued + " still queued)" : ""));
		if (first > 0) {
			log(String.format(Locale.ROOT, "  JIT: %d compile tasks queued before '%s'; waited %.1f s", first, before,
					waited));
		}
	}

	/**
	 * Before the measurements, the service's JIT compilers get to see every request the benchmark
	 * makes, on a small throwaway cluster, so the first measurement (pod create on the empty
	 * cluster) is not paying for compilation that the later ones do not.
	 */
	void warmUpJvm() throws Exception {
		int warmNodes = 20;
		String w = API + "warmup";
		log("JVM warm-up on a throwaway cluster of " + warmNodes + " nodes (not recorded)");
		must("POST", API.replaceAll("/$", ""), "{\"name\":\"warmup\",\"nodeNetwork\":\"10.1.0.0/16\","
				+ "\"podNetwork\":\"10.64.0.0/12\"}");
		tasks("warm-up: node create", warmNodes, i -> call("POST", w + "/nodes", "{\"name\":\"" + nodeName(i) + "\"}"),
				null);
		int savedNodes = nodes;
		nodes = warmNodes;
		ConcurrentLinkedQueue<String[]> created = new ConcurrentLinkedQueue<>();
		AtomicLong seq = new AtomicLong();
		try {
			double seconds = Math.max(2, Math.min(10, duration / 2.0));
			for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
				warmUpRound(w, warmNodes, seconds, seq, created);
				log("  JVM warm-up round " + round + " of " + WARM_UP_ROUNDS + ": " + jitQueue()
						+ " compile tasks queued");
			}
		} finally {
			nodes = savedNodes;
		}
		settleJit("the load");
		rss("after the JVM warm-up");
	}

	/** Rounds of every request kind on the throwaway cluster before anything is recorded. */
	static final int WARM_UP_ROUNDS = 3;

	private void warmUpRound(String w, int warmNodes, double seconds, AtomicLong seq,
			ConcurrentLinkedQueue<String[]> created) throws Exception {
		timed("warm-up: pod create", seconds, t -> createWorker(w, "warm", seq, created));
		List<String[]> live = new ArrayList<>(created);
		timed("warm-up: GET node, GET pod, path, list", seconds, t -> rnd -> {
			long t0 = System.nanoTime();
			Resp r;
			String[] a = live.get(rnd.nextInt(live.size()));
			String[] b = live.get(rnd.nextInt(live.size()));
			switch (rnd.nextInt(4)) {
				case 0 -> r = call("GET", w + "/nodes/" + nodeName(rnd.nextInt(warmNodes)), null);
				case 1 -> r = call("GET", w + "/namespaces/" + a[0] + "/pods/" + a[1], null);
				case 2 -> r = call("GET", w + "/paths?from=" + enc(a[0] + "/" + a[1]) + "&to=" + enc(b[0] + "/" + b[1])
						+ "&port=8080", null);
				default -> r = call("GET", w + "/pods?limit=" + pageLimit, null);
			}
			return Outcome.of(r, System.nanoTime() - t0);
		});
		timed("warm-up: pod delete", seconds, t -> deleteWorker(w, created));
		drain(w, created);
	}

	/**
	 * Creates pods (unmeasured) until the pool holds enough for a delete measurement as long as
	 * the create one, assuming deletes run up to 2.5 times as fast as creates.
	 */
	void topUp(String c, String namespace, AtomicLong seq, ConcurrentLinkedQueue<String[]> pool, double createRate)
			throws Exception {
		int target = (int) Math.ceil(Math.max(createRate, 50) * (warmup + duration) * 2.5);
		int missing = target - pool.size();
		if (missing > 0) {
			tasks("top-up: " + missing + " pods to delete", missing, i -> {
				String name = "p-" + seq.getAndIncrement();
				Resp r = call("POST", c + "/namespaces/" + namespace + "/pods", podBody(name,
						nodeName(ThreadLocalRandom.current().nextInt(nodes))));
				if (r.ok()) {
					pool.add(new String[] {namespace, name});
				}
				return r;
			}, null);
		}
	}

	Worker createWorker(String c, String namespace, AtomicLong seq, ConcurrentLinkedQueue<String[]> created) {
		return rnd -> {
			String name = "p-" + seq.getAndIncrement();
			String node = nodeName(rnd.nextInt(nodes));
			long t0 = System.nanoTime();
			Resp r = call("POST", c + "/namespaces/" + namespace + "/pods", podBody(name, node));
			long dt = System.nanoTime() - t0;
			if (r.ok()) {
				created.add(new String[] {namespace, name});
			}
			return Outcome.of(r, dt);
		};
	}

	Worker deleteWorker(String c, ConcurrentLinkedQueue<String[]> created) {
		return rnd -> {
			String[] p = created.poll();
			if (p == null) {
				return Outcome.STOP;
			}
			long t0 = System.nanoTime();
			Resp r = call("DELETE", c + "/namespaces/" + p[0] + "/pods/" + p[1], null);
			long dt = System.nanoTime() - t0;
			if (!r.ok() && r.status != 404) {
				created.add(p); // not deleted: try it again later
			}
			return Outcome.of(r, dt);
		};
	}

	/** Deletes what a create phase left, unmeasured, so the cluster holds exactly the loaded pods. */
	void drain(String c, ConcurrentLinkedQueue<String[]> created) throws Exception {
		for (int pass = 0; pass < 10 && !created.isEmpty(); pass++) {
			int left = created.size();
			tasks("cleanup: delete " + left + " leftover pods", left, i -> {
				String[] p = created.poll();
				if (p == null) {
					return new Resp(204, "");
				}
				Resp r = call("DELETE", c + "/namespaces/" + p[0] + "/pods/" + p[1], null);
				if (!r.ok() && r.status != 404) {
					created.add(p);
				}
				return r.status == 404 ? new Resp(204, "") : r;
			}, null);
		}
		if (!created.isEmpty()) {
			throw new IllegalStateException(created.size() + " pods could not be deleted");
		}
	}

	/**
	 * Fetches pages at random positions of the list, with the continue tokens the single-client
	 * walk collected (page 0 has none), and keeps the latencies by position.
	 */
	Worker listWorker(String c) {
		return rnd -> {
			int page = rnd.nextInt(pageTokens.size());
			String token = pageTokens.get(page);
			String url = c + "/pods?limit=" + pageLimit + (token == null ? "" : "&continue=" + enc(token));
			long t0 = System.nanoTime();
			Resp r = call("GET", url, null);
			long dt = System.nanoTime() - t0;
			if (!r.ok()) {
				return Outcome.of(r, dt);
			}
			int items = count(r.body, "\"nodeName\":");
			int tenth = (int) ((long) page * 10 / pageTokens.size());
			synchronized (pageByTenth) {
				pageByTenth[tenth].ok(dt);
			}
			return items == pageLimit || page == pageTokens.size() - 1 ? new Outcome(null, dt)
					: new Outcome("short page: " + items + " pods on page " + page, dt);
		};
	}

	/**
	 * One client alone: a full walk, then the first and the last page alternately, each after a
	 * random page from the middle.
	 */
	void sequentialList(String c, int expected) {
		log("list: one client walks all pods");
		List<Long> pages = new ArrayList<>();
		String token = null;
		String lastToken = null;
		long items = 0;
		long start = System.nanoTime();
		for (int guard = 0; guard < 1_000_000; guard++) {
			String url = c + "/pods?limit=" + pageLimit + (token == null ? "" : "&continue=" + enc(token));
			pageTokens.add(token);
			long t0 = System.nanoTime();
			Resp r = must("GET", url, null);
			pages.add(System.nanoTime() - t0);
			int n = count(r.body, "\"nodeName\":");
			items += n;
			String next = group(CONTINUE, r.body);
			if (next == null) {
				lastToken = token;
				lastPageItems = n;
				break;
			}
			token = next;
		}
		seqWalkNanos = System.nanoTime() - start;
		seqWalkPages = pages.size();
		seqWalkItems = items;
		seqPageNanos = pages.stream().mapToLong(Long::longValue).toArray();
		if (items != expected) {
			walkProblems.add("the single-client walk saw " + items + " pods, expected " + expected);
		}
		log(String.format(Locale.ROOT, "  walk: %d pods in %d pages, %.2f s", items, pages.size(), seqWalkNanos / 1e9));
		firstPageSeq = new long[firstLastSamples];
		lastPageSeq = new long[firstLastSamples];
		String lastUrl = c + "/pods?limit=" + pageLimit + (lastToken == null ? "" : "&continue=" + enc(lastToken));
		// A random page from the middle goes before each of the two. H2 hands back a prepared
		// statement's last result when it runs again with the same parameters on unchanged tables
		// (OPTIMIZE_REUSE_RESULTS), and the first page's statement is also the second one of the
		// last page: alternating the two alone served the last page from that cache every time and
		// the first page never (0.79× to 0.94×). The middle page runs the statements with other
		// parameters, so neither of the two measured pages is served from the cache.
		Random rnd = new Random(7);
		for (int i = 0; i < firstLastSamples; i++) {
			middlePage(c, rnd);
			long t0 = System.nanoTime();
			must("GET", c + "/pods?limit=" + pageLimit, null);
			firstPageSeq[i] = System.nanoTime() - t0;
			middlePage(c, rnd);
			t0 = System.nanoTime();
			Resp r = must("GET", lastUrl, null);
			lastPageSeq[i] = System.nanoTime() - t0;
			if (group(CONTINUE, r.body) != null) {
				walkProblems.add("the last page has a continue token");
			}
		}
		Arrays.sort(firstPageSeq);
		Arrays.sort(lastPageSeq);
		log(String.format(Locale.ROOT, "  first page p50 %.2f ms, last page p50 %.2f ms", median(firstPageSeq),
				median(lastPageSeq)));
	}

	/** A page strictly between the first and the last one, unmeasured. */
	void middlePage(String c, Random rnd) {
		if (pageTokens.size() > 2) {
			String token = pageTokens.get(1 + rnd.nextInt(pageTokens.size() - 2));
			must("GET", c + "/pods?limit=" + pageLimit + "&continue=" + enc(token), null);
		}
	}

	void ipv6() throws Exception {
		Rec big = new Rec();
		Rec small = new Rec();
		double bigSeconds = 0;
		double smallSeconds = 0;
		double bigCpu = 0;
		double smallCpu = 0;
		double bigClient = 0;
		double smallClient = 0;
		double bigOther = 0;
		double smallOther = 0;
		// round 0 is a warm-up of the IPv6 code paths and is not recorded
		for (int round = 0; round <= v6Rounds; round++) {
			boolean bigFirst = round % 2 == 0;
			for (int which = 0; which < 2; which++) {
				boolean isBig = (which == 0) == bigFirst;
				String name = (isBig ? "v6-big-" : "v6-small-") + round;
				String podNetwork = isBig ? String.format("fd00:%x::/32", 0x100 + round)
						: String.format("fd00:%x::/56", 0x200 + round);
				String nodeNetwork = String.format("fd00:ffff:0:%x::/64", round * 2 + (isBig ? 0 : 1));
				Resp cr = must("POST", API.replaceAll("/$", ""), "{\"name\":\"" + name + "\",\"nodeNetwork\":\""
						+ nodeNetwork + "\",\"podNetwork\":\"" + podNetwork + "\",\"nodeSubnetPrefixLength\":64}");
				String total = group(TOTAL, cr.body);
				if (isBig) {
					v6BigTotal = total;
				} else {
					v6SmallTotal = total;
				}
				int count = round == 0 ? Math.min(50, v6Nodes) : v6Nodes;
				Result r = tasks((round == 0 ? "warm-up: " : "") + "IPv6 node create, " + (isBig ? "2^32" : "2^8")
						+ " subnets (" + name + ")", count,
						i -> call("POST", API + name + "/nodes", "{\"name\":\"n-" + i + "\"}"), null);
				if (round > 0) {
					Rec rec = isBig ? big : small;
					for (long l : r.sorted) {
						rec.ok(l);
					}
					r.errorKinds.forEach((k, v) -> rec.errors.merge(k, v, Long::sum));
					r.errorSamples.forEach(rec.firstError::putIfAbsent);
					if (isBig) {
						bigSeconds += r.seconds;
						bigCpu += r.serverCpu;
						bigClient += r.clientCpu;
						bigOther += r.otherCpu * r.seconds;
					} else {
						smallSeconds += r.seconds;
						smallCpu += r.serverCpu;
						smallClient += r.clientCpu;
						smallOther += r.otherCpu * r.seconds;
					}
				}
			}
		}
		v6Big = Result.of("node create, IPv6 2^32 node subnets", big, bigSeconds, bigCpu, bigClient);
		v6Small = Result.of("node create, IPv6 2^8 node subnets", small, smallSeconds, smallCpu, smallClient);
		v6Big.otherCpu = bigOther / bigSeconds;
		v6Small.otherCpu = smallOther / smallSeconds;
		rss("after the IPv6 node creates");
	}

	static double median(long[] sorted) {
		return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2] / 1e6;
	}

	static long[] sortedOf(List<Long> l) {
		long[] a = l.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(a);
		return a;
	}

	static double pct(long[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int idx = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
	}

	// ---------------------------------------------------------------- the report

	static String f(double v) {
		if (Double.isNaN(v)) {
			return "–";
		}
		if (Math.abs(v) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", v);
		}
		if (Math.abs(v) >= 10) {
			return String.format(Locale.ROOT, "%.1f", v);
		}
		return String.format(Locale.ROOT, "%.2f", v);
	}

	static String x(double v) {
		return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
	}

	static String mib(long kb) {
		return kb < 0 ? "–" : String.format(Locale.ROOT, "%,d MiB", Math.round(kb / 1024.0));
	}

	/** A "at least" target: met, or missed with the shortfall. */
	static String atLeast(double actual, double target) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual >= target) {
			return "**met** (" + String.format(Locale.ROOT, "%.0f%%", (actual / target - 1) * 100) + " above)";
		}
		return "**missed** by " + String.format(Locale.ROOT, "%.0f%%", (1 - actual / target) * 100)
				+ " (needs " + String.format(Locale.ROOT, "%.2f×", target / actual) + " the measured rate)";
	}

	/** A "between" target: met, or missed with how far outside. */
	static String within(double actual, double low, double high) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual >= low && actual <= high) {
			return "**met**";
		}
		return actual > high ? "**missed**: " + String.format(Locale.ROOT, "%.1f×", actual / high) + " the upper bound"
				: "**missed**: the first page takes " + String.format(Locale.ROOT, "%.2f×", 1 / actual)
						+ " the last page's time";
	}

	/** An "at most" target: met, or missed with the excess. */
	static String atMost(double actual, double limit, String unit) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual <= limit) {
			return "**met** (" + String.format(Locale.ROOT, "%.0f%%", (1 - actual / limit) * 100) + " below the limit)";
		}
		return "**missed** by " + f(actual - limit) + unit + " (" + String.format(Locale.ROOT, "%.1f×", actual / limit)
				+ " the limit)";
	}

	static void writeTarget(StringBuilder md, String what, List<Result> writes) {
		Result worst = writes.stream().max((a, b) -> Double.compare(a.p(0.99), b.p(0.99))).orElseThrow();
		md.append("| p99 of every write ≤ 1 s: ").append(what).append(" | ");
		for (int i = 0; i < writes.size(); i++) {
			md.append(i == 0 ? "" : ", ").append(writes.get(i).name).append(" ").append(f(writes.get(i).p(0.99)))
					.append(" ms");
		}
		md.append(" | ").append(atMost(worst.p(0.99), 1000, " ms")).append(worst.p(0.99) > 1000 ? " (" + worst.name
				+ ")" : "").append(" |\n");
	}

	/** The GET that bracketed the operation, or a placeholder if it has not run yet. */
	Result pairedGet(Result operation) {
		return pairedGets.getOrDefault(operation.name, placeholder("GET node, right before and after "
				+ operation.name));
	}

	/** A table row; "× GET" is to the GET that bracketed the operation if one did, else to the ceiling. */
	String row(Result r, double ceiling) {
		Result paired = pairedGets.get(r.name);
		if (paired != null) {
			ceiling = paired.rate();
		}
		return "| " + r.name + " | " + String.format(Locale.ROOT, "%,d", r.ok) + " | " + errorCell(r) + " | "
				+ f(r.rate()) + " | " + f(r.p(0.5)) + " | " + f(r.p(0.99)) + " | " + x(r.rate() / ceiling) + " | "
				+ f(r.serverCpuPerRequest()) + " | " + f(r.clientCpuPerRequest()) + " | " + percent(r.otherCpu) + " | "
				+ percent(r.gcPauses) + " | " + f(r.seconds) + " |";
	}

	static String percent(double v) {
		return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
	}

	static final String TABLE_HEAD = "| Operation | OK | Errors | req/s | p50 ms | p99 ms | × GET | service CPU ms/req "
			+ "| client CPU ms/req | other processes' CPU | service GC pauses | seconds |\n"
			+ "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

	static String errorCell(Result r) {
		if (r.errors == 0) {
			return "0";
		}
		StringBuilder sb = new StringBuilder();
		r.errorKinds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(" × ").append(k));
		return sb.toString().replace("|", "\\|");
	}

	void write() throws IOException {
		nodeLoad = nodeLoad != null ? nodeLoad : placeholder("load: node create");
		podLoad = podLoad != null ? podLoad : placeholder("load: pod create");
		getNode = getNode != null ? getNode : placeholder("GET node (ceiling)");
		getNodeAgain = getNodeAgain != null ? getNodeAgain : placeholder("GET node (ceiling), again");
		emptyNodeLoad = emptyNodeLoad != null ? emptyNodeLoad : placeholder("load: node create, empty cluster");
		getPod = getPod != null ? getPod : placeholder("GET pod");
		path = path != null ? path : placeholder("path between pods on 2 nodes");
		listConcurrent = listConcurrent != null ? listConcurrent : placeholder("list pods, random page of " + pageLimit);
		createEmpty = createEmpty != null ? createEmpty : placeholder("pod create, empty cluster");
		deleteEmpty = deleteEmpty != null ? deleteEmpty : placeholder("pod delete, empty cluster");
		createLoaded = createLoaded != null ? createLoaded : placeholder("pod create, loaded cluster");
		deleteLoaded = deleteLoaded != null ? deleteLoaded : placeholder("pod delete, loaded cluster");
		v6Big = v6Big != null ? v6Big : placeholder("node create, IPv6 2^32 node subnets");
		v6Small = v6Small != null ? v6Small : placeholder("node create, IPv6 2^8 node subnets");
		if (podLoadSlices == null) {
			podLoadSlices = new Rec[10];
			for (int i = 0; i < podLoadSlices.length; i++) {
				podLoadSlices[i] = new Rec();
			}
		}
		// the ceiling: the mean of the GET runs before and after the other loaded-cluster measurements
		double ceiling = Double.isNaN(getNodeAgain.rate()) ? getNode.rate() : (getNode.rate() + getNodeAgain.rate()) / 2;
		StringBuilder md = new StringBuilder();
		String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
		int podCount = nodes * podsPerNode;
		md.append("# podnet benchmark results\n\n");
		md.append("Written by `").append(command).append("` (issue 6): one cluster loaded with ")
				.append(String.format(Locale.ROOT, "%,d nodes and %,d pods", nodes, podCount))
				.append(" through the HTTP API, then each operation measured for ").append(duration)
				.append(" s (after ").append(warmup).append(" s of warm-up) by ").append(threads)
				.append(" concurrent clients on the same machine, after a JVM warm-up of every request kind on a "
						+ "throwaway 20-node cluster. Ratios are to the plain single-object GET "
						+ "(`GET /api/v1/clusters/{c}/nodes/{node}`), the ceiling of the same service. The path and the "
						+ "pod writes are each bracketed by that GET (" + f(duration / 2.0) + " s of it right before and "
						+ f(duration / 2.0) + " s right after), and each one's ratio is to the GET of its own bracket: "
						+ "this machine's speed drifts by 20–30% from one minute to the next, and a bracket puts an "
						+ "operation and its ceiling in the same minute (pod create on the loaded and on the empty "
						+ "cluster share one bracket, as they are taken in turn within it). The other ratios are "
						+ "to the mean of two plain GET runs, before and after the pod and path measurements on the "
						+ "loaded cluster; the list measurements come last. "
						+ "Because other processes may share the machine, each throughput ratio is also given as the "
						+ "ratio of the service's CPU time per request (GET ÷ operation), which they disturb less.")
				.append(mode.equals("full") ? "" : " **This is a " + mode + " run, not the full-size benchmark.**")
				.append(complete ? "" : " **Partial results: the run had got as far as " + stage + " (after "
						+ f(totalSeconds / 60) + " min); \"–\" marks what it had not measured yet.**")
				.append("\n\n");

		md.append("| | |\n|---|---|\n");
		md.append("| date | ").append(date).append(" |\n");
		md.append("| commit | ").append(commit).append(" |\n");
		md.append("| database | ").append(database).append(" |\n");
		md.append("| service JVM | Java ").append(System.getProperty("java.version")).append(", heap ").append(heap)
				.append(" |\n");
		md.append("| machine | ").append(machine()).append(" |\n");
		md.append("| load generator | `java bench/Bench.java`, java.net.http.HttpClient (HTTP/1.1, keep-alive), ")
				.append(threads).append(" client threads, on the same machine as the service |\n");
		md.append("| JIT warm-up | ").append(WARM_UP_ROUNDS).append(" rounds of every request kind on a throwaway "
				+ "cluster; each measurement's warm-up repeated while the service's CPU per request still fell by "
				+ "over 5% (extra warm-ups: ")
				.append(String.join("; ", extraWarmUps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
						.toList()))
				.append("); then a wait for the service's JIT compile queue to drain (queued tasks and wait: ")
				.append(String.join("; ", jitWaits.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
						.toList()))
				.append(") |\n");
		md.append("| total run time | ").append(f(totalSeconds / 60)).append(" min |\n\n");

		md.append("## Targets\n\n| Target (issue 6) | Measured | Result |\n|---|---|---|\n");
		Result createLoadedGet = pairedGet(createLoaded);
		double createRatio = createLoaded.rate() / createLoadedGet.rate();
		md.append("| Pod create at ").append(String.format(Locale.ROOT, "%,d", podCount))
				.append(" pods ≥ 0.5× plain GET | ").append(x(createRatio)).append(" (").append(f(createLoaded.rate()))
				.append(" vs ").append(f(createLoadedGet.rate())).append(" req/s of the GET right before and after; by CPU "
						+ "per request ")
				.append(x(createLoadedGet.serverCpuPerRequest() / createLoaded.serverCpuPerRequest())).append(") | ")
				.append(atLeast(createRatio, 0.5)).append(" |\n");
		// taken in turn in the same minutes (see interleaved): compared with each other directly
		double emptyRatio = createLoaded.rate() / createEmpty.rate();
		md.append("| Pod create loaded ≥ 0.9× empty cluster | ").append(x(emptyRatio)).append(" (")
				.append(f(createLoaded.rate())).append(" vs ").append(f(createEmpty.rate()))
				.append(" req/s, taken in turn in ").append(INTERLEAVED_SLICES).append(" slices each; by CPU per request ")
				.append(x(createEmpty.serverCpuPerRequest() / createLoaded.serverCpuPerRequest()))
				.append(") | ").append(atLeast(emptyRatio, 0.9)).append(" |\n");
		writeTarget(md, "pod writes", List.of(createLoaded, deleteLoaded, createEmpty, deleteEmpty, podLoad));
		writeTarget(md, "node writes", List.of(nodeLoad, emptyNodeLoad, v6Big, v6Small));
		Result pathGet = pairedGet(path);
		double pathRatio = path.rate() / pathGet.rate();
		md.append("| Path resolution ≥ 0.8× plain GET | ").append(x(pathRatio)).append(" (").append(f(path.rate()))
				.append(" vs ").append(f(pathGet.rate())).append(" req/s of the GET right before and after; by CPU per request ")
				.append(x(pathGet.serverCpuPerRequest() / path.serverCpuPerRequest())).append(") | ")
				.append(atLeast(pathRatio, 0.8)).append(" |\n");
		double pathP99 = path.p(0.99) / pathGet.p(0.99);
		md.append("| Path p99 ≤ 2× plain GET p99 | ").append(x(pathP99)).append(" (").append(f(path.p(0.99)))
				.append(" vs ").append(f(pathGet.p(0.99))).append(" ms, the GET right before and after) | ")
				.append(atMost(pathP99, 2, "×")).append(" |\n");
		double v6Ratio = v6Big.rate() / v6Small.rate();
		md.append("| Node create, 2^32 subnets ≥ 0.9× 2^8 | ").append(x(v6Ratio)).append(" (").append(f(v6Big.rate()))
				.append(" vs ").append(f(v6Small.rate())).append(" nodes/s; by CPU per request ")
				.append(x(v6Small.serverCpuPerRequest() / v6Big.serverCpuPerRequest())).append(") | ")
				.append(atLeast(v6Ratio, 0.9)).append(" |\n");
		double pageRatio = median(lastPageSeq) / median(firstPageSeq);
		md.append("| Last page of the pod list within 20% of the first (a page's cost must not depend on its "
				+ "position: 0.8× to 1.2×) | ").append(x(pageRatio))
				.append(" (p50 ").append(f(median(lastPageSeq))).append(" vs ").append(f(median(firstPageSeq)))
				.append(" ms, one client, ").append(firstLastSamples).append(" samples each) | ")
				.append(within(pageRatio, 0.8, 1.2)).append(" |\n");
		long hwm = rssTimeline.values().stream().mapToLong(v -> v[1]).max().orElse(-1);
		md.append("| Peak RSS ≤ 1 GiB with ").append(String.format(Locale.ROOT, "%,d", podCount)).append(" pods | ")
				.append(mib(hwm)).append(" (VmHWM) | ")
				.append(hwm < 0 ? "not measured" : atMost(hwm / 1024.0, 1024, " MiB")).append(" |\n\n");

		md.append("## Operations on the loaded cluster\n\n")
				.append("Throughput counts successful requests; latency is per request as the client sees it; "
						+ "\"× GET\" is the throughput ratio to the ceiling (for the path and the pod writes, to the GET that "
						+ "bracketed them); service CPU is the service process's "
						+ "user+system CPU time during the measurement divided by the requests, client CPU the same for the "
						+ "load generator; \"other processes' CPU\" is the share of the machine's CPU that anything else "
						+ "used meanwhile (a high figure means the measurement was disturbed); \"service GC pauses\" the "
						+ "share of the measurement's time the service stood still for its garbage collector.\n\n")
				.append(TABLE_HEAD);
		for (Result r : List.of(getNode, getPod, createLoaded, deleteLoaded, path, listConcurrent, getNodeAgain)) {
			md.append(row(r, ceiling)).append("\n");
		}
		md.append("\nThe GET runs that bracketed the path and the pod writes (each row's \"× GET\" is to the "
				+ "mean of the two plain GET runs above: how fast the machine was in that minute):\n\n")
				.append(TABLE_HEAD);
		for (Result r : new LinkedHashSet<>(pairedGets.values())) {
			md.append(row(r, ceiling)).append("\n");
		}
		md.append("\nPod create on random nodes in a fresh namespace; pod delete of the pods the create measurement "
				+ "made (the delete measurement ends early if it runs out of them); path between random pods on "
				+ "two different nodes (`/paths?from=ns/a&to=ns/b&port=8080`), answers checked to be "
				+ "ACCEPTED/CROSS_NODE: ").append(pathDispositions).append(".");
		Result pathWarm = warmups.get(path.name);
		if (pathWarm != null) {
			md.append(" The path's last warm-up (the last of ").append(1 + extraWarmUps.getOrDefault(path.name, 0))
					.append(" of ").append(warmup).append(" s, not in the table) answered ")
					.append(pathWarm.ok).append(" requests at p50 ").append(f(pathWarm.p(0.5))).append(" ms, p99 ")
					.append(f(pathWarm.p(0.99))).append(" ms, using ").append(f(pathWarm.serverCpuPerRequest()))
					.append(" ms of service CPU each.");
		}
		md.append("\n\n");

		md.append("## Listing all pods page by page\n\n");
		long[] seqSorted = seqPageNanos.clone();
		Arrays.sort(seqSorted);
		md.append("| | |\n|---|---|\n");
		md.append("| one client, full walk | ").append(String.format(Locale.ROOT, "%,d", seqWalkItems))
				.append(" pods in ").append(seqWalkPages).append(" pages of ").append(pageLimit).append(" (last page: ")
				.append(lastPageItems).append(" pods), ").append(f(seqWalkNanos / 1e9)).append(" s = ")
				.append(String.format(Locale.ROOT, "%,.0f", seqWalkItems / (seqWalkNanos / 1e9)))
				.append(" pods/s; page p50 ").append(f(pct(seqSorted, 0.5))).append(" ms, p99 ")
				.append(f(pct(seqSorted, 0.99))).append(" ms |\n");
		md.append("| one client, first vs last page | first p50 ").append(f(median(firstPageSeq))).append(" ms, last p50 ")
				.append(f(median(lastPageSeq))).append(" ms (").append(firstLastSamples)
				.append(" requests each, alternately, each after a random middle page) → ").append(x(median(lastPageSeq) / median(firstPageSeq)))
				.append(" |\n");
		md.append("| ").append(threads).append(" clients, random pages for ").append(duration).append(" s | ")
				.append(f(listConcurrent.rate())).append(" pages/s = ")
				.append(String.format(Locale.ROOT, "%,.0f", listConcurrent.rate() * pageLimit))
				.append(" pods/s; a full walk at that rate: ")
				.append(f(seqWalkPages / listConcurrent.rate())).append(" s |\n");
		Result firstTenth = Result.of("", pageByTenth[0], 0, 0, 0);
		Result lastTenth = Result.of("", pageByTenth[pageByTenth.length - 1], 0, 0, 0);
		md.append("| ").append(threads).append(" clients, first vs last tenth of the pages | first p50 ")
				.append(f(firstTenth.p(0.5))).append(" ms / p99 ").append(f(firstTenth.p(0.99))).append(" ms (")
				.append(firstTenth.ok).append(" pages), last p50 ").append(f(lastTenth.p(0.5))).append(" ms / p99 ")
				.append(f(lastTenth.p(0.99))).append(" ms (").append(lastTenth.ok).append(" pages) → ")
				.append(x(lastTenth.p(0.5) / firstTenth.p(0.5))).append(" |\n");
		if (!walkProblems.isEmpty()) {
			md.append("| problems | ").append(String.join("; ", walkProblems.subList(0, Math.min(5, walkProblems.size()))))
					.append(" |\n");
		}
		md.append("\n");

		md.append("## Cluster size and address-space size\n\n")
				.append(TABLE_HEAD);
		for (Result r : List.of(createEmpty, createLoaded, deleteEmpty, deleteLoaded, v6Big, v6Small)) {
			md.append(row(r, ceiling)).append("\n");
		}
		md.append("\n\"Empty\" is a second cluster of ").append(String.format(Locale.ROOT, "%,d", nodes))
				.append(" nodes and no pods (in the same database as the loaded one). Pod create on it and on the loaded "
						+ "cluster were taken in turn, A B B A A B B A, in " + INTERLEAVED_SLICES + " slices each of "
						+ f(duration / (double) INTERLEAVED_SLICES) + " s, each after " + f(LEAD_IN_SECONDS)
						+ " s of unmeasured lead-in, so that the machine's drift from minute to minute falls on both alike. "
						+ "IPv6: pod network fd00:1xx::/32 split into /64 (")
				.append(v6BigTotal).append(" node subnets) against fd00:2xx::/56 split into /64 (").append(v6SmallTotal)
				.append(" node subnets), ").append(v6Nodes).append(" node creates in each of ").append(v6Rounds)
				.append(" fresh pairs of clusters, alternating which goes first, after an unrecorded warm-up round.\n\n");

		md.append("## Loading\n\n")
				.append(TABLE_HEAD);
		for (Result r : List.of(nodeLoad, podLoad, emptyNodeLoad)) {
			md.append(row(r, ceiling)).append("\n");
		}
		md.append("\nPod load by tenth of the pods (is a pod slower to create as the cluster fills? the first tenths "
				+ "also pay for the JIT compilers warming up):\n\n")
				.append("| pods | p50 ms | p99 ms |\n|---|---:|---:|\n");
		for (int i = 0; i < podLoadSlices.length; i++) {
			Result s = Result.of("", podLoadSlices[i], 0, 0, 0);
			md.append("| ").append(String.format(Locale.ROOT, "%,d–%,d", (long) podCount * i / 10,
					(long) podCount * (i + 1) / 10)).append(" | ").append(f(s.p(0.5))).append(" | ")
					.append(f(s.p(0.99))).append(" |\n");
		}

		if (exportStatus != 0) {
			md.append(String.format(Locale.ROOT, "\n## Whole-cluster export\n\n`GET …/ip-config` of the loaded cluster: "
					+ "status %d, %,d bytes, %,d lines, in %.1f s, streamed by a service with the heap "
					+ "above (see its memory below, \"after the whole-cluster export\").\n", exportStatus, exportBytes,
					exportLines, exportSeconds));
		}

		md.append("\n## Service memory\n\n| when | RSS | peak RSS (VmHWM) |\n|---|---:|---:|\n");
		rssTimeline.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(mib(v[0])).append(" | ")
				.append(mib(v[1])).append(" |\n"));

		if (!heapInfos.isEmpty()) {
			md.append("\nJava heap (`jcmd PID GC.heap_info`): ");
			heapInfos.forEach((k, v) -> md.append(k).append(": ").append(v).append(". "));
			md.append("\n");
		}

		List<String> errs = new ArrayList<>();
		for (Result r : List.of(nodeLoad, podLoad, getNode, getPod, path, listConcurrent, createEmpty, deleteEmpty,
				createLoaded, deleteLoaded, getNodeAgain, v6Big, v6Small, emptyNodeLoad)) {
			r.errorSamples.forEach((k, v) -> errs.add("- " + r.name + ": " + v));
		}
		if (!errs.isEmpty()) {
			md.append("\n## Errors (first of each kind)\n\n").append(String.join("\n", errs)).append("\n");
		}
		if (serviceLog != null && Files.exists(Path.of(serviceLog))) {
			List<String> lines = Files.readAllLines(Path.of(serviceLog));
			long warn = lines.stream().filter(l -> l.contains(" WARN ")).count();
			long error = lines.stream().filter(l -> l.contains(" ERROR ")).count();
			md.append("\nService log: ").append(warn).append(" WARN and ").append(error).append(" ERROR lines.\n");
		}
		md.append("\nClient-side CPU: the load generator used ")
				.append(f(100 * clientShare()))
				.append("% of the CPU time spent by both processes during the measurements (they share ")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" cores), so absolute rates are lower than on separate machines; the ratios compare "
						+ "like with like.\n");
		Files.writeString(Path.of(out), md.toString());
	}

	double clientShare() {
		double client = 0;
		double server = 0;
		for (Result r : List.of(getNode, getPod, path, listConcurrent, createEmpty, deleteEmpty, createLoaded,
				deleteLoaded, getNodeAgain)) {
			client += r.clientCpu;
			server += r.serverCpu;
		}
		return client + server == 0 ? Double.NaN : client / (client + server);
	}

	static String machine() {
		String cpu = "?";
		long memKb = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException e) {
			// leave the question marks
		}
		return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
				+ String.format(Locale.ROOT, "%.1f GiB", memKb / 1024.0 / 1024.0) + " memory, "
				+ System.getProperty("os.name") + " " + System.getProperty("os.version");
	}
}

package io.podnet.bench;

import static io.podnet.bench.Format.f;
import static io.podnet.bench.Format.mib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The Markdown report of what the run has measured so far: how, the targets, then every figure. */
final class Report {

	private final Options o;
	private final Findings d;

	Report(Options o, Findings findings) {
		this.o = o;
		this.d = findings;
	}

	void write() throws IOException {
		// the ceiling: the mean of the GET runs before and after the other loaded-cluster measurements
		double ceiling = Double.isNaN(d.getNodeAgain.rate()) ? d.getNode.rate()
				: (d.getNode.rate() + d.getNodeAgain.rate()) / 2;
		OperationTable table = new OperationTable(d, ceiling);
		StringBuilder md = new StringBuilder();
		introduction(md);
		setup(md);
		new Targets(d, o.podCount()).append(md);
		loadedCluster(md, table);
		new ListingSection(o, d).append(md);
		sizes(md, table);
		loading(md, table);
		if (d.exportStatus != 0) {
			md.append(String.format(Locale.ROOT, "\n## Whole-cluster export\n\n`GET …/ip-config` of the loaded cluster: "
					+ "status %d, %,d bytes, %,d lines, in %.1f s, streamed by a service with the heap "
					+ "above (see its memory below, \"after the whole-cluster export\").\n", d.exportStatus, d.exportBytes,
					d.exportLines, d.exportSeconds));
		}
		memory(md);
		problems(md);
		md.append("\nClient-side CPU: the load generator used ")
				.append(f(100 * clientShare()))
				.append("% of the CPU time spent by both processes during the measurements (they share ")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" cores), so absolute rates are lower than on separate machines; the ratios compare "
						+ "like with like.\n");
		Files.writeString(Path.of(o.out), md.toString());
	}

	private void introduction(StringBuilder md) {
		md.append("# podnet benchmark results\n\n");
		md.append("Written by `").append(o.command).append("` (issue 6): one cluster loaded with ")
				.append(String.format(Locale.ROOT, "%,d nodes and %,d pods", o.nodes, o.podCount()))
				.append(" through the HTTP API, then each operation measured for ").append(o.duration)
				.append(" s (after ").append(o.warmup).append(" s of warm-up) by ").append(o.threads)
				.append(" concurrent clients on the same machine, after a JVM warm-up of every request kind on a "
						+ "throwaway 20-node cluster. Ratios are to the plain single-object GET "
						+ "(`GET /api/v1/clusters/{c}/nodes/{node}`), the ceiling of the same service. The path and the "
						+ "pod writes are each bracketed by that GET (" + f(o.duration / 2.0) + " s of it right before and "
						+ f(o.duration / 2.0) + " s right after), and each one's ratio is to the GET of its own bracket: "
						+ "this machine's speed drifts by 20–30% from one minute to the next, and a bracket puts an "
						+ "operation and its ceiling in the same minute (pod create on the loaded and on the empty "
						+ "cluster share one bracket, as they are taken in turn within it). The other ratios are "
						+ "to the mean of two plain GET runs, before and after the pod and path measurements on the "
						+ "loaded cluster; the list measurements come last. "
						+ "Because other processes may share the machine, each throughput ratio is also given as the "
						+ "ratio of the service's CPU time per request (GET ÷ operation), which they disturb less.")
				.append(o.mode.equals("full") ? "" : " **This is a " + o.mode + " run, not the full-size benchmark.**")
				.append(d.complete ? "" : " **Partial results: the run had got as far as " + d.stage + " (after "
						+ f(d.totalSeconds / 60) + " min); \"–\" marks what it had not measured yet.**")
				.append("\n\n");
	}

	private void setup(StringBuilder md) {
		String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
		md.append("| | |\n|---|---|\n");
		md.append("| date | ").append(date).append(" |\n");
		md.append("| commit | ").append(o.commit).append(" |\n");
		md.append("| database | ").append(o.database).append(" |\n");
		md.append("| service JVM | Java ").append(System.getProperty("java.version")).append(", heap ").append(o.heap)
				.append(" |\n");
		md.append("| machine | ").append(Machine.describe()).append(" |\n");
		md.append("| load generator | `java io.podnet.bench.Main` (bench/src), java.net.http.HttpClient (HTTP/1.1, "
				+ "keep-alive), ").append(o.threads).append(" client threads, on the same machine as the service |\n");
		md.append("| JIT warm-up | ").append(JvmWarmUp.ROUNDS).append(" rounds of every request kind on a throwaway "
				+ "cluster; each measurement's warm-up repeated while the service's CPU per request still fell by "
				+ "over 5% (extra warm-ups: ")
				.append(String.join("; ", d.extraWarmUps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
						.toList()))
				.append("); then a wait for the service's JIT compile queue to drain (queued tasks and wait: ")
				.append(String.join("; ", d.jitWaits.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
						.toList()))
				.append(") |\n");
		md.append("| total run time | ").append(f(d.totalSeconds / 60)).append(" min |\n\n");
	}

	private void loadedCluster(StringBuilder md, OperationTable table) {
		md.append("## Operations on the loaded cluster\n\n")
				.append("Throughput counts successful requests; latency is per request as the client sees it; "
						+ "\"× GET\" is the throughput ratio to the ceiling (for the path and the pod writes, to the GET that "
						+ "bracketed them); service CPU is the service process's "
						+ "user+system CPU time during the measurement divided by the requests, client CPU the same for the "
						+ "load generator; \"other processes' CPU\" is the share of the machine's CPU that anything else "
						+ "used meanwhile (a high figure means the measurement was disturbed); \"service GC pauses\" the "
						+ "share of the measurement's time the service stood still for its garbage collector.\n\n");
		table.append(md, List.of(d.getNode, d.getPod, d.createLoaded, d.deleteLoaded, d.path, d.listConcurrent,
				d.getNodeAgain));
		md.append("\nThe GET runs that bracketed the path and the pod writes (each row's \"× GET\" is to the "
				+ "mean of the two plain GET runs above: how fast the machine was in that minute):\n\n");
		table.append(md, new LinkedHashSet<>(d.pairedGets.values()));
		md.append("\nPod create on random nodes in a fresh namespace; pod delete of the pods the create measurement "
				+ "made (the delete measurement ends early if it runs out of them); path between random pods on "
				+ "two different nodes (`/paths?from=ns/a&to=ns/b&port=8080`), answers checked to be "
				+ "ACCEPTED/CROSS_NODE: ").append(d.pathDispositions).append(".");
		Result pathWarm = d.warmups.get(d.path.name);
		if (pathWarm != null) {
			md.append(" The path's last warm-up (the last of ").append(1 + d.extraWarmUps.getOrDefault(d.path.name, 0))
					.append(" of ").append(o.warmup).append(" s, not in the table) answered ")
					.append(pathWarm.ok).append(" requests at p50 ").append(f(pathWarm.p(0.5))).append(" ms, p99 ")
					.append(f(pathWarm.p(0.99))).append(" ms, using ").append(f(pathWarm.serverCpuPerRequest()))
					.append(" ms of service CPU each.");
		}
		md.append("\n\n");
	}

	private void sizes(StringBuilder md, OperationTable table) {
		md.append("## Cluster size and address-space size\n\n");
		table.append(md, List.of(d.createEmpty, d.createLoaded, d.deleteEmpty, d.deleteLoaded, d.v6Big, d.v6Small));
		md.append("\n\"Empty\" is a second cluster of ").append(Format.count(o.nodes))
				.append(" nodes and no pods (in the same database as the loaded one). Pod create on it and on the loaded "
						+ "cluster were taken in turn, A B B A A B B A, in " + Measurements.INTERLEAVED_SLICES
						+ " slices each of " + f(o.duration / (double) Measurements.INTERLEAVED_SLICES) + " s, each after "
						+ f(Measurements.LEAD_IN_SECONDS) + " s of unmeasured lead-in, so that the machine's drift from "
						+ "minute to minute falls on both alike. IPv6: pod network fd00:1xx::/32 split into /64 (")
				.append(d.v6BigTotal).append(" node subnets) against fd00:2xx::/56 split into /64 (").append(d.v6SmallTotal)
				.append(" node subnets), ").append(o.v6Nodes).append(" node creates in each of ").append(o.v6Rounds)
				.append(" fresh pairs of clusters, alternating which goes first, after an unrecorded warm-up round.\n\n");
	}

	private void loading(StringBuilder md, OperationTable table) {
		md.append("## Loading\n\n");
		table.append(md, List.of(d.nodeLoad, d.podLoad, d.emptyNodeLoad));
		md.append("\nPod load by tenth of the pods (is a pod slower to create as the cluster fills? the first tenths "
				+ "also pay for the JIT compilers warming up):\n\n")
				.append("| pods | p50 ms | p99 ms |\n|---|---:|---:|\n");
		long podCount = o.podCount();
		for (int i = 0; i < d.podLoadSlices.length; i++) {
			Result s = Result.of("", d.podLoadSlices[i], 0, 0, 0);
			md.append("| ").append(String.format(Locale.ROOT, "%,d–%,d", podCount * i / 10, podCount * (i + 1) / 10))
					.append(" | ").append(f(s.p(0.5))).append(" | ").append(f(s.p(0.99))).append(" |\n");
		}
	}

	private void memory(StringBuilder md) {
		md.append("\n## Service memory\n\n| when | RSS | peak RSS (VmHWM) |\n|---|---:|---:|\n");
		d.rssTimeline.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(mib(v[0])).append(" | ")
				.append(mib(v[1])).append(" |\n"));
		if (!d.heapInfos.isEmpty()) {
			md.append("\nJava heap (`jcmd PID GC.heap_info`): ");
			d.heapInfos.forEach((k, v) -> md.append(k).append(": ").append(v).append(". "));
			md.append("\n");
		}
	}

	/** The first error of each kind, and how many warnings and errors the service logged. */
	private void problems(StringBuilder md) throws IOException {
		List<String> errs = new ArrayList<>();
		for (Result r : List.of(d.nodeLoad, d.podLoad, d.getNode, d.getPod, d.path, d.listConcurrent, d.createEmpty,
				d.deleteEmpty, d.createLoaded, d.deleteLoaded, d.getNodeAgain, d.v6Big, d.v6Small, d.emptyNodeLoad)) {
			r.errorSamples.forEach((k, v) -> errs.add("- " + r.name + ": " + v));
		}
		if (!errs.isEmpty()) {
			md.append("\n## Errors (first of each kind)\n\n").append(String.join("\n", errs)).append("\n");
		}
		if (o.serviceLog != null && Files.exists(Path.of(o.serviceLog))) {
			List<String> lines = Files.readAllLines(Path.of(o.serviceLog));
			long warn = lines.stream().filter(l -> l.contains(" WARN ")).count();
			long error = lines.stream().filter(l -> l.contains(" ERROR ")).count();
			md.append("\nService log: ").append(warn).append(" WARN and ").append(error).append(" ERROR lines.\n");
		}
	}

	/** The load generator's share of the CPU both processes used in the measurements on the loaded cluster. */
	private double clientShare() {
		double client = 0;
		double server = 0;
		for (Result r : List.of(d.getNode, d.getPod, d.path, d.listConcurrent, d.createEmpty, d.deleteEmpty,
				d.createLoaded, d.deleteLoaded, d.getNodeAgain)) {
			client += r.clientCpu;
			server += r.serverCpu;
		}
		return client + server == 0 ? Double.NaN : client / (client + server);
	}
}

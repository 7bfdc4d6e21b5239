package io.podnet.bench;

import static io.podnet.bench.Format.f;
import static io.podnet.bench.Format.x;

import java.util.List;

/** The report's table of issue 6's targets, each with the figures it is judged on and its verdict. */
final class Targets {

	private final Findings findings;
	private final int podCount;

	Targets(Findings findings, int podCount) {
		this.findings = findings;
		this.podCount = podCount;
	}

	void append(StringBuilder md) {
		Findings d = findings;
		md.append("## Targets\n\n| Target (issue 6) | Measured | Result |\n|---|---|---|\n");
		Result createLoadedGet = d.pairedGet(d.createLoaded);
		double createRatio = d.createLoaded.rate() / createLoadedGet.rate();
		md.append("| Pod create at ").append(Format.count(podCount))
				.append(" pods ≥ 0.5× plain GET | ").append(x(createRatio)).append(" (").append(f(d.createLoaded.rate()))
				.append(" vs ").append(f(createLoadedGet.rate())).append(" req/s of the GET right before and after; by CPU "
						+ "per request ")
				.append(x(createLoadedGet.serverCpuPerRequest() / d.createLoaded.serverCpuPerRequest())).append(") | ")
				.append(Verdict.atLeast(createRatio, 0.5)).append(" |\n");
		// taken in turn in the same minutes (see Measurements.interleaved): compared with each other directly
		double emptyRatio = d.createLoaded.rate() / d.createEmpty.rate();
		md.append("| Pod create loaded ≥ 0.9× empty cluster | ").append(x(emptyRatio)).append(" (")
				.append(f(d.createLoaded.rate())).append(" vs ").append(f(d.createEmpty.rate()))
				.append(" req/s, taken in turn in ").append(Measurements.INTERLEAVED_SLICES)
				.append(" slices each; by CPU per request ")
				.append(x(d.createEmpty.serverCpuPerRequest() / d.createLoaded.serverCpuPerRequest()))
				.append(") | ").append(Verdict.atLeast(emptyRatio, 0.9)).append(" |\n");
		writes(md, "pod writes", List.of(d.createLoaded, d.deleteLoaded, d.createEmpty, d.deleteEmpty, d.podLoad));
		writes(md, "node writes", List.of(d.nodeLoad, d.emptyNodeLoad, d.v6Big, d.v6Small));
		Result pathGet = d.pairedGet(d.path);
		double pathRatio = d.path.rate() / pathGet.rate();
		md.append("| Path resolution ≥ 0.8× plain GET | ").append(x(pathRatio)).append(" (").append(f(d.path.rate()))
				.append(" vs ").append(f(pathGet.rate())).append(" req/s of the GET right before and after; by CPU per request ")
				.append(x(pathGet.serverCpuPerRequest() / d.path.serverCpuPerRequest())).append(") | ")
				.append(Verdict.atLeast(pathRatio, 0.8)).append(" |\n");
		double pathP99 = d.path.p(0.99) / pathGet.p(0.99);
		md.append("| Path p99 ≤ 2× plain GET p99 | ").append(x(pathP99)).append(" (").append(f(d.path.p(0.99)))
				.append(" vs ").append(f(pathGet.p(0.99))).append(" ms, the GET right before and after) | ")
				.append(Verdict.atMost(pathP99, 2, "×")).append(" |\n");
		double v6Ratio = d.v6Big.rate() / d.v6Small.rate();
		md.append("| Node create, 2^32 subnets ≥ 0.9× 2^8 | ").append(x(v6Ratio)).append(" (").append(f(d.v6Big.rate()))
				.append(" vs ").append(f(d.v6Small.rate())).append(" nodes/s; by CPU per request ")
				.append(x(d.v6Small.serverCpuPerRequest() / d.v6Big.serverCpuPerRequest())).append(") | ")
				.append(Verdict.atLeast(v6Ratio, 0.9)).append(" |\n");
		double firstPage = Result.percentileMs(d.firstPageSeq, 0.5);
		double lastPage = Result.percentileMs(d.lastPageSeq, 0.5);
		double pageRatio = lastPage / firstPage;
		md.append("| Last page of the pod list within 20% of the first (a page's cost must not depend on its "
				+ "position: 0.8× to 1.2×) | ").append(x(pageRatio))
				.append(" (p50 ").append(f(lastPage)).append(" vs ").append(f(firstPage))
				.append(" ms, one client, ").append(PodListing.FIRST_LAST_SAMPLES).append(" samples each) | ")
				.append(Verdict.within(pageRatio, 0.8, 1.2)).append(" |\n");
		long hwm = d.rssTimeline.values().stream().mapToLong(v -> v[1]).max().orElse(-1);
		md.append("| Peak RSS ≤ 1 GiB with ").append(Format.count(podCount)).append(" pods | ")
				.append(Format.mib(hwm)).append(" (VmHWM) | ")
				.append(hwm < 0 ? "not measured" : Verdict.atMost(hwm / 1024.0, 1024, " MiB")).append(" |\n\n");
	}

	/** p99 of every write ≤ 1 s, judged on the slowest of them. */
	private static void writes(StringBuilder md, String what, List<Result> writes) {
		Result worst = writes.stream().max((a, b) -> Double.compare(a.p(0.99), b.p(0.99))).orElseThrow();
		md.append("| p99 of every write ≤ 1 s: ").append(what).append(" | ");
		for (int i = 0; i < writes.size(); i++) {
			md.append(i == 0 ? "" : ", ").append(writes.get(i).name).append(" ").append(f(writes.get(i).p(0.99)))
					.append(" ms");
		}
		md.append(" | ").append(Verdict.atMost(worst.p(0.99), 1000, " ms")).append(worst.p(0.99) > 1000 ? " ("
				+ worst.name + ")" : "").append(" |\n");
	}
}

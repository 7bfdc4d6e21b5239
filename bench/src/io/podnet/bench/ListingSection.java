package io.podnet.bench;

import static io.podnet.bench.Format.f;
import static io.podnet.bench.Format.x;

import java.util.Arrays;
import java.util.Locale;

/** The report's section on listing all pods page by page (see {@link PodListing}). */
final class ListingSection {

	private final Options o;
	private final Findings findings;

	ListingSection(Options o, Findings findings) {
		this.o = o;
		this.findings = findings;
	}

	void append(StringBuilder md) {
		Findings d = findings;
		md.append("## Listing all pods page by page\n\n");
		long[] seqSorted = d.seqPageNanos.clone();
		Arrays.sort(seqSorted);
		double walkSeconds = d.seqWalkNanos / 1e9;
		md.append("| | |\n|---|---|\n");
		md.append("| one client, full walk | ").append(Format.count(d.seqWalkItems))
				.append(" pods in ").append(d.seqWalkPages).append(" pages of ").append(o.pageLimit).append(" (last page: ")
				.append(d.lastPageItems).append(" pods), ").append(f(walkSeconds)).append(" s = ")
				.append(String.format(Locale.ROOT, "%,.0f", d.seqWalkItems / walkSeconds))
				.append(" pods/s; page p50 ").append(f(Result.percentileMs(seqSorted, 0.5))).append(" ms, p99 ")
				.append(f(Result.percentileMs(seqSorted, 0.99))).append(" ms |\n");
		double firstPage = Result.percentileMs(d.firstPageSeq, 0.5);
		double lastPage = Result.percentileMs(d.lastPageSeq, 0.5);
		md.append("| one client, first vs last page | first p50 ").append(f(firstPage)).append(" ms, last p50 ")
				.append(f(lastPage)).append(" ms (").append(PodListing.FIRST_LAST_SAMPLES)
				.append(" requests each, alternately, each after a random middle page) → ").append(x(lastPage / firstPage))
				.append(" |\n");
		md.append("| ").append(o.threads).append(" clients, random pages for ").append(o.duration).append(" s | ")
				.append(f(d.listConcurrent.rate())).append(" pages/s = ")
				.append(String.format(Locale.ROOT, "%,.0f", d.listConcurrent.rate() * o.pageLimit))
				.append(" pods/s; a full walk at that rate: ")
				.append(f(d.seqWalkPages / d.listConcurrent.rate())).append(" s |\n");
		Result firstTenth = Result.of("", d.pageByTenth[0], 0, 0, 0);
		Result lastTenth = Result.of("", d.pageByTenth[d.pageByTenth.length - 1], 0, 0, 0);
		md.append("| ").append(o.threads).append(" clients, first vs last tenth of the pages | first p50 ")
				.append(f(firstTenth.p(0.5))).append(" ms / p99 ").append(f(firstTenth.p(0.99))).append(" ms (")
				.append(firstTenth.ok).append(" pages), last p50 ").append(f(lastTenth.p(0.5))).append(" ms / p99 ")
				.append(f(lastTenth.p(0.99))).append(" ms (").append(lastTenth.ok).append(" pages) → ")
				.append(x(lastTenth.p(0.5) / firstTenth.p(0.5))).append(" |\n");
		if (!d.walkProblems.isEmpty()) {
			md.append("| problems | ")
					.append(String.join("; ", d.walkProblems.subList(0, Math.min(5, d.walkProblems.size()))))
					.append(" |\n");
		}
		md.append("\n");
	}
}

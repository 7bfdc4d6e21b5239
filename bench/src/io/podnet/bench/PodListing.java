package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Listing all pods of the cluster page by page: one client walks the whole list, then compares
 * the first page with the last; many clients then fetch pages at random positions.
 */
final class PodListing {

	/** Requests of the first and of the last page each, by one client. */
	static final int FIRST_LAST_SAMPLES = 50;

	private final Options o;
	private final Http http;
	private final Findings findings;
	private final String cluster;
	/** The continue token of each page the walk saw, in order; page 0 has none (null). */
	private final List<String> pageTokens = new ArrayList<>();

	PodListing(Options o, Http http, Findings findings, String cluster) {
		this.o = o;
		this.http = http;
		this.findings = findings;
		this.cluster = cluster;
	}

	/** The name of the measurement of {@link #randomPages}. */
	static String randomPagesName(int pageLimit) {
		return "list pods, random page of " + pageLimit;
	}

	/**
	 * One client alone: a full walk, then the first and the last page alternately, each after a
	 * random page from the middle.
	 */
	void walk(int expected) {
		log("list: one client walks all pods");
		List<Long> pages = new ArrayList<>();
		String token = null;
		String lastToken = null;
		long items = 0;
		long start = System.nanoTime();
		for (int guard = 0; guard < 1_000_000; guard++) {
			String url = Api.podPage(cluster, o.pageLimit, token);
			pageTokens.add(token);
			long t0 = System.nanoTime();
			Response r = http.must("GET", url, null);
			pages.add(System.nanoTime() - t0);
			int n = Answers.podsIn(r.body());
			items += n;
			String next = Answers.group(Answers.CONTINUE, r.body());
			if (next == null) {
				lastToken = token;
				findings.lastPageItems = n;
				break;
			}
			token = next;
		}
		findings.seqWalkNanos = System.nanoTime() - start;
		findings.seqWalkPages = pages.size();
		findings.seqWalkItems = items;
		findings.seqPageNanos = pages.stream().mapToLong(Long::longValue).toArray();
		if (items != expected) {
			findings.walkProblems.add("the single-client walk saw " + items + " pods, expected " + expected);
		}
		log(String.format(Locale.ROOT, "  walk: %d pods in %d pages, %.2f s", items, pages.size(),
				findings.seqWalkNanos / 1e9));
		long[] first = new long[FIRST_LAST_SAMPLES];
		long[] last = new long[FIRST_LAST_SAMPLES];
		String lastUrl = Api.podPage(cluster, o.pageLimit, lastToken);
		// A random page from the middle goes before each of the two. H2 hands back a prepared
		// statement's last result when it runs again with the same parameters on unchanged tables
		// (OPTIMIZE_REUSE_RESULTS), and the first page's statement is also the second one of the
		// last page: alternating the two alone served the last page from that cache every time and
		// the first page never (0.79× to 0.94×). The middle page runs the statements with other
		// parameters, so neither of the two measured pages is served from the cache.
		Random rnd = new Random(7);
		for (int i = 0; i < FIRST_LAST_SAMPLES; i++) {
			middlePage(rnd);
			long t0 = System.nanoTime();
			http.must("GET", Api.podPage(cluster, o.pageLimit, null), null);
			first[i] = System.nanoTime() - t0;
			middlePage(rnd);
			t0 = System.nanoTime();
			Response r = http.must("GET", lastUrl, null);
			last[i] = System.nanoTime() - t0;
			if (Answers.group(Answers.CONTINUE, r.body()) != null) {
				findings.walkProblems.add("the last page has a continue token");
			}
		}
		Arrays.sort(first);
		Arrays.sort(last);
		findings.firstPageSeq = first;
		findings.lastPageSeq = last;
		log(String.format(Locale.ROOT, "  first page p50 %.2f ms, last page p50 %.2f ms",
				Result.percentileMs(first, 0.5), Result.percentileMs(last, 0.5)));
	}

	/** A page strictly between the first and the last one, unmeasured. */
	private void middlePage(Random rnd) {
		if (pageTokens.size() > 2) {
			String token = pageTokens.get(1 + rnd.nextInt(pageTokens.size() - 2));
			http.must("GET", Api.podPage(cluster, o.pageLimit, token), null);
		}
	}

	/**
	 * Fetches pages at random positions of the list, with the continue tokens the single-client
	 * walk collected (page 0 has none), and keeps the latencies by position.
	 */
	Worker.Factory randomPages() {
		return t -> rnd -> {
			int page = rnd.nextInt(pageTokens.size());
			String url = Api.podPage(cluster, o.pageLimit, pageTokens.get(page));
			long t0 = System.nanoTime();
			Response r = http.call("GET", url, null);
			long dt = System.nanoTime() - t0;
			if (!r.ok()) {
				return Outcome.of(r, dt);
			}
			int items = Answers.podsIn(r.body());
			int tenth = (int) ((long) page * 10 / pageTokens.size());
			synchronized (findings.pageByTenth) {
				findings.pageByTenth[tenth].ok(dt);
			}
			return items == o.pageLimit || page == pageTokens.size() - 1 ? new Outcome(null, dt)
					: new Outcome("short page: " + items + " pods on page " + page, dt);
		};
	}
}

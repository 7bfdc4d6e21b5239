package replicas;

import static replicas.Counts.ambiguousCreates;
import static replicas.Counts.ambiguousCreatesCommitted;
import static replicas.Counts.ambiguousCreatesNotCommitted;
import static replicas.Counts.ambiguousDeletes;
import static replicas.Counts.conflictsByType;
import static replicas.Counts.connectFailures;
import static replicas.Counts.lostInFlight;
import static replicas.Counts.pod201;
import static replicas.Counts.pod204;
import static replicas.Counts.requests;
import static replicas.Counts.retried;
import static replicas.Counts.serverErrors;
import static replicas.Counts.spurious409;
import static replicas.Counts.spuriousExamples;
import static replicas.Counts.status5xx;
import static replicas.Counts.statusByOp;
import static replicas.Counts.unresolved;
import static replicas.Ledger.ackedNodes;
import static replicas.Log.timeline;
import static replicas.Options.replicas;
import static replicas.Options.strict;
import static replicas.Options.work;
import static replicas.SharedNames.dupNames;
import static replicas.Violations.violationCount;
import static replicas.Violations.violations;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.TreeMap;

/**
 * The end of the output: timeline, counts, the API verdict with its violations; and api-summary.txt,
 * the numbers {@code replicas-test.sh} puts in its summary line.
 */
final class Report {

	private Report() {
	}

	static void print(Expected expected) {
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
		row("409 answers", Counts.conflicts());
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
			w.println("conflicts=" + Counts.conflicts());
			w.println("retried=" + retried.sum());
			w.println("spurious409=" + spurious409.sum());
		} catch (IOException e) {
			System.out.println("cannot write api-summary.txt: " + e);
		}
	}

	static void row(String label, Object value) {
		System.out.printf("  %-46s %s%n", label, value);
	}
}

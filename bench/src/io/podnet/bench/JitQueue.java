package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The service's JIT compile queue. On 2 cores one C2 thread takes minutes to compile a new request
 * kind, and a measurement taken meanwhile measures the compiler, so each waits for it to drain.
 */
final class JitQueue {

	private final ServiceProcess service;
	private final Findings findings;

	JitQueue(ServiceProcess service, Findings findings) {
		this.service = service;
		this.findings = findings;
	}

	/** Compile tasks waiting in the service's JIT queues (jcmd Compiler.queue), or -1 if unknown. */
	int queued() {
		try {
			String out = service.jcmd("Compiler.queue");
			// a queued task is a line "<compile id> <flags> <tier> <method> (<size> bytes)"
			return (int) out.lines().filter(line -> line.matches("\\s*\\d+\\s.*\\(\\d+ bytes\\).*")).count();
		} catch (IOException | RuntimeException e) {
			return -1;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** Waits (up to 2 minutes) until the queue is empty; records how long. */
	void settle(String before) throws InterruptedException {
		long t0 = System.nanoTime();
		int first = queued();
		int queued = first;
		while (queued > 0 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(2)) {
			Thread.sleep(500);
			queued = queued();
		}
		double waited = (System.nanoTime() - t0) / 1e9;
		findings.jitWaits.put(before, String.format(Locale.ROOT, "%d queued, %.1f s%s", first, waited,
				queued > 0 ? " (" + queued + " still queued)" : ""));
		if (first > 0) {
			log(String.format(Locale.ROOT, "  JIT: %d compile tasks queued before '%s'; waited %.1f s", first, before,
					waited));
		}
	}
}

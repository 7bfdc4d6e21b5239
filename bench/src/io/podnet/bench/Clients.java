package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The pool of concurrent clients: runs requests on all of them and measures the whole. */
final class Clients {

	private final int threads;
	private final ServiceProcess service;
	private final ExecutorService pool;

	Clients(int threads, ServiceProcess service) {
		this.threads = threads;
		this.service = service;
		this.pool = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "bench-client");
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * Runs the workers on all clients until {@code seconds} have passed or every worker stopped;
	 * requests started before the deadline complete and count, and the rate is over the time the
	 * last one finished.
	 */
	Result timed(String name, double seconds, Worker.Factory factory) throws Exception {
		CpuMeter cpu = CpuMeter.start(service, true);
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicLong lastEnd = new AtomicLong();
		long[] startHolder = new long[1];
		List<Future<Latencies>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Worker w = factory.create(t);
			futures.add(pool.submit(() -> {
				Latencies rec = new Latencies();
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
		Latencies all = new Latencies();
		for (Future<Latencies> f : futures) {
			all.addAll(f.get());
		}
		double elapsed = (lastEnd.get() - startHolder[0]) / 1e9;
		Result r = cpu.result(name, all, elapsed);
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
	 * Runs {@code count} numbered tasks on all clients and measures the whole. A task that failed
	 * with a server error or no answer is retried up to 3 times; slices, if given, get the
	 * latencies of equal shares of the tasks in order (task i in slice i * slices / count).
	 */
	Result tasks(String name, int count, Task body, Latencies[] slices) throws Exception {
		CpuMeter cpu = CpuMeter.start(service, false);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		AtomicLong lastEnd = new AtomicLong();
		long start = System.nanoTime();
		List<Future<Latencies[]>> futures = new ArrayList<>();
		int sliceCount = slices == null ? 1 : slices.length;
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				Latencies[] recs = Latencies.slices(sliceCount);
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					long t0 = System.nanoTime();
					Response r = body.run(i);
					for (int attempt = 1; !r.ok() && (r.status() >= 500 || r.status() < 0) && attempt <= 3; attempt++) {
						r = body.run(i); // a failed write changes nothing, so it may be retried
					}
					long dt = System.nanoTime() - t0;
					Latencies rec = recs[(int) ((long) i * sliceCount / count)];
					if (r.ok()) {
						rec.ok(dt);
					} else {
						rec.error("HTTP " + r.status() + ": " + Outcome.abbreviate(r.body()));
					}
					done.incrementAndGet();
					lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
				}
				return recs;
			}));
		}
		reportProgress(name, count, futures, done, start);
		Latencies all = new Latencies();
		for (Future<Latencies[]> f : futures) {
			Latencies[] recs = f.get();
			for (int i = 0; i < sliceCount; i++) {
				all.addAll(recs[i]);
				if (slices != null) {
					slices[i].addAll(recs[i]);
				}
			}
		}
		double elapsed = (Math.max(lastEnd.get(), start) - start) / 1e9; // when the last task finished
		Result r = cpu.result(name, all, elapsed);
		log(String.format(Locale.ROOT, "%-34s %8d ok %5d err %8.1f /s  p50 %7.2f ms  p99 %8.2f ms  (%.1f s)"
				+ "  cpu ms/req service %.2f client %.2f, other processes %.0f%%", name, r.ok, r.errors, r.rate(),
				r.p(0.5), r.p(0.99), r.seconds, r.serverCpuPerRequest(), r.clientCpuPerRequest(), 100 * r.otherCpu));
		r.errorSamples.forEach((k, v) -> log("    first error " + k + ": " + v));
		return r;
	}

	/** Logs the tasks done and their rate every twentieth of them, until all clients are done. */
	private static void reportProgress(String name, int count, List<? extends Future<?>> futures, AtomicInteger done,
			long start) throws InterruptedException {
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
	}
}

package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measurement of an operation, the way every figure in the report is taken: warm-ups until the
 * service's CPU per request is steady, a wait for its JIT compile queue to drain, then the
 * measured run, alone, bracketed by the ceiling GET, or in slices taken in turn with another.
 */
final class Measurements {

	static final int MAX_EXTRA_WARM_UPS = 10;

	/** Slices of each of two operations compared by {@link #interleaved}: A B B A A B B A. */
	static final int INTERLEAVED_SLICES = 4;

	/**
	 * Unmeasured lead-in of every slice of {@link #interleaved}, long enough for what the slice
	 * before left behind (H2 writes its changes in the background every 0.5 s, young garbage) to be
	 * paid before this slice's clock starts.
	 */
	static final double LEAD_IN_SECONDS = 1.5;

	private final Options o;
	private final Clients clients;
	private final JitQueue jit;
	private final ServiceMemory memory;
	private final Findings findings;

	Measurements(Options o, Clients clients, JitQueue jit, ServiceMemory memory, Findings findings) {
		this.o = o;
		this.clients = clients;
		this.jit = jit;
		this.memory = memory;
		this.findings = findings;
	}

	/**
	 * Warm-up (not recorded), then the measured run, with the same kind of workers. Between them
	 * the service's JIT compile queue is let drain: on 2 cores one C2 thread takes minutes to
	 * compile a new request kind, and a measurement taken meanwhile measures the compiler.
	 */
	Result phase(String name, Worker.Factory factory) throws Exception {
		warmUp(name, factory, true);
		Result r = clients.timed(name, o.duration, factory);
		memory.sample(name);
		return r;
	}

	/**
	 * As {@link #phase}, but the measurement is bracketed by the
	 * ceiling GET: half the duration of it right before, then the operation, then the other half
	 * right after, and those two halves are kept as this operation's own ceiling
	 * ({@link Findings#pairedGets}). The machine's speed drifts (on this shared VM the same GET's CPU per
	 * request moved by 30% between two 5 s runs a minute apart), and a drift steady over the minute
	 * cancels out of a bracket. One operation run, not several short ones: what an operation leaves
	 * behind (garbage, pages H2 writes in the background) weighs on whatever runs next, and with
	 * one bracket only the second half of the GET pays for it.
	 *
	 * @param untilSteady see {@link #warmUp}
	 */
	Result paired(String name, Worker.Factory factory, boolean untilSteady, Worker.Factory ceiling) throws Exception {
		warmUp(name, factory, untilSteady);
		List<Result> gets = new ArrayList<>();
		gets.add(clients.timed("GET node, before " + name, o.duration / 2.0, ceiling));
		List<Result> operation = List.of(clients.timed(name, o.duration, factory));
		gets.add(clients.timed("GET node, after " + name, o.duration / 2.0, ceiling));
		Result r = Result.merge(name, operation);
		Result get = Result.merge("GET node, right before and after " + name, gets);
		findings.pairedGets.put(name, get);
		log(String.format(Locale.ROOT, "%s: %.1f req/s against %.1f req/s of the GET right before and after = %.2f×; by CPU "
				+ "per request %.2f×", name, r.rate(), get.rate(), r.rate() / get.rate(),
				get.serverCpuPerRequest() / r.serverCpuPerRequest()));
		memory.sample(name);
		return r;
	}

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
	Result[] interleaved(String a, Worker.Factory fa, String b, Worker.Factory fb, Worker.Factory ceiling)
			throws Exception {
		warmUp(a, fa, true);
		warmUp(b, fb, true);
		List<Result> gets = new ArrayList<>();
		List<Result> partsA = new ArrayList<>();
		List<Result> partsB = new ArrayList<>();
		double slice = o.duration / (double) INTERLEAVED_SLICES;
		gets.add(clients.timed("GET node, before " + a + " and " + b, o.duration / 2.0, ceiling));
		for (int i = 0; i < 2 * INTERLEAVED_SLICES; i++) {
			boolean isA = i % 4 == 0 || i % 4 == 3;
			String name = isA ? a : b;
			Worker.Factory f = isA ? fa : fb;
			clients.timed(name + " (lead-in)", LEAD_IN_SECONDS, f);
			(isA ? partsA : partsB).add(clients.timed(name + " (slice " + (i / 2 + 1) + " of " + INTERLEAVED_SLICES
					+ ")", slice, f));
		}
		gets.add(clients.timed("GET node, after " + a + " and " + b, o.duration / 2.0, ceiling));
		Result ra = Result.merge(a, partsA);
		Result rb = Result.merge(b, partsB);
		Result get = Result.merge("GET node, right before and after " + a + " and " + b, gets);
		findings.pairedGets.put(a, get);
		findings.pairedGets.put(b, get);
		log(String.format(Locale.ROOT, "%s: %.1f req/s, %s: %.1f req/s, taken in turn = %.2f×; by CPU per request "
				+ "%.2f×; the GET right before and after: %.1f req/s", a, ra.rate(), b, rb.rate(), ra.rate() / rb.rate(),
				rb.serverCpuPerRequest() / ra.serverCpuPerRequest(), get.rate()));
		memory.sample(a + " and " + b);
		return new Result[] {ra, rb};
	}

	/**
	 * The warm-up of a measurement, then a wait for the JIT compile queue to drain. untilSteady
	 * repeats the warm-up (at most {@value #MAX_EXTRA_WARM_UPS} more times) while the service's CPU
	 * per request still falls by more than 5% from one to the next, i.e. while the JIT is still
	 * compiling this request kind. Deletes do not, as they use up the pods made for them.
	 */
	private void warmUp(String name, Worker.Factory factory, boolean untilSteady) throws Exception {
		if (o.warmup > 0) {
			Result warm = clients.timed(name + " (warm-up)", o.warmup, factory);
			int extra = 0;
			while (untilSteady && extra < MAX_EXTRA_WARM_UPS) {
				Result next = clients.timed(name + " (warm-up, until steady)", o.warmup, factory);
				extra++;
				boolean steady = next.serverCpuPerRequest() > 0.95 * warm.serverCpuPerRequest();
				warm = next;
				if (steady) {
					break;
				}
			}
			findings.warmups.put(name, warm);
			findings.extraWarmUps.put(name, extra);
		}
		jit.settle(name);
	}
}

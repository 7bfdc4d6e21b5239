package replicas;

import static replicas.Log.seconds;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything found wrong, by any thread: all counted, the first 500 kept for the report. */
final class Violations {

	static final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
	static final AtomicInteger violationCount = new AtomicInteger();

	private Violations() {
	}

	static void violation(String what) {
		violationCount.incrementAndGet();
		if (violations.size() < 500) {
			violations.add(String.format("[%.1fs] %s", seconds(), what));
		}
	}
}

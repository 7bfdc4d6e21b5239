package replicas;

import java.util.ArrayList;
import java.util.List;

/** Timestamped output (seconds since the program started), and the timeline of the kill and restart. */
final class Log {

	static final long started = System.nanoTime();
	static final List<String> timeline = new ArrayList<>();

	private Log() {
	}

	static void say(String s) {
		System.out.printf("[%5.1fs] %s%n", seconds(), s);
	}

	static void event(String s) {
		synchronized (timeline) {
			timeline.add(String.format("%6.1f s  %s", seconds(), s));
		}
		say(s);
	}

	static double seconds() {
		return (System.nanoTime() - started) / 1e9;
	}

	static long ms(long nanos) {
		return nanos / 1_000_000L;
	}
}

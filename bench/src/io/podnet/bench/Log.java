package io.podnet.bench;

import java.util.Locale;

/** Progress lines on standard output, each stamped with the seconds since the benchmark started. */
final class Log {

	private static final long START = System.nanoTime();

	private Log() {
	}

	static void log(String s) {
		System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsedSeconds(), s);
	}

	static double elapsedSeconds() {
		return (System.nanoTime() - START) / 1e9;
	}
}

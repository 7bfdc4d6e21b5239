package io.podnet.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Latencies and errors of one client thread, then of a whole measurement. */
final class Latencies {

	long[] nanos = new long[4096];
	int n;
	/** Errors counted by kind: the text before the first colon ("HTTP 500"). */
	final Map<String, Long> errors = new TreeMap<>();
	final Map<String, String> firstError = new TreeMap<>();

	void ok(long latency) {
		if (n == nanos.length) {
			nanos = Arrays.copyOf(nanos, n * 2);
		}
		nanos[n++] = latency;
	}

	void error(String e) {
		int colon = e.indexOf(':');
		String key = colon > 0 ? e.substring(0, colon) : e;
		key = key.length() > 60 ? key.substring(0, 60) : key;
		errors.merge(key, 1L, Long::sum);
		firstError.putIfAbsent(key, e);
	}

	void addAll(Latencies o) {
		for (int i = 0; i < o.n; i++) {
			ok(o.nanos[i]);
		}
		o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
		o.firstError.forEach(firstError::putIfAbsent);
	}

	/** Empty ones, one per slice of a run (e.g. the tenths of the pod load). */
	static Latencies[] slices(int count) {
		Latencies[] slices = new Latencies[count];
		for (int i = 0; i < count; i++) {
			slices[i] = new Latencies();
		}
		return slices;
	}
}

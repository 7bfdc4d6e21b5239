package io.podnet.bench;

import java.util.function.Supplier;

/** One request's outcome: null error means success; STOP means the worker has nothing left to do. */
record Outcome(String error, long nanos) {

	static final Outcome STOP = new Outcome("stop", 0);

	static Outcome of(Response r, long nanos) {
		return new Outcome(r.ok() ? null : "HTTP " + r.status() + ": " + abbreviate(r.body()), nanos);
	}

	/** Sends one request and takes its time. */
	static Outcome timed(Supplier<Response> request) {
		long t0 = System.nanoTime();
		Response r = request.get();
		return of(r, System.nanoTime() - t0);
	}

	/** An answer's body on one line, short enough for a log line or a table cell. */
	static String abbreviate(String s) {
		s = s == null ? "" : s.replaceAll("\\s+", " ");
		return s.length() > 240 ? s.substring(0, 240) + "…" : s;
	}
}

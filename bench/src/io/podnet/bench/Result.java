package io.podnet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One measurement: its requests, their latencies and errors, its time and the CPU it took. */
final class Result {

	String name;
	long ok;
	long errors;
	Map<String, Long> errorKinds = new TreeMap<>();
	Map<String, String> errorSamples = new TreeMap<>();
	double seconds;
	long[] sorted = new long[0];
	double serverCpu;
	double clientCpu;
	/** Share of the machine's CPU used by other processes than the service and the load generator. */
	double otherCpu = Double.NaN;
	/** Share of the measurement's wall time the service's threads stood still in GC pauses. */
	double gcPauses = Double.NaN;

	static Result of(String name, Latencies rec, double seconds, double serverCpu, double clientCpu) {
		Result r = new Result();
		r.name = name;
		r.ok = rec.n;
		r.sorted = Arrays.copyOf(rec.nanos, rec.n);
		Arrays.sort(r.sorted);
		r.errorKinds = rec.errors;
		r.errorSamples = rec.firstError;
		r.errors = rec.errors.values().stream().mapToLong(Long::longValue).sum();
		r.seconds = seconds;
		r.serverCpu = serverCpu;
		r.clientCpu = clientCpu;
		return r;
	}

	/** A measurement not taken (yet): every figure "–" in the report. */
	static Result placeholder(String name) {
		Result r = new Result();
		r.name = name;
		return r;
	}

	/** One result of several runs of one kind: their requests, latencies, times and CPU added up. */
	static Result merge(String name, List<Result> parts) {
		Result r = new Result();
		r.name = name;
		r.sorted = parts.stream().flatMapToLong(p -> Arrays.stream(p.sorted)).sorted().toArray();
		double other = 0;
		double gc = 0;
		for (Result p : parts) {
			r.ok += p.ok;
			r.errors += p.errors;
			p.errorKinds.forEach((k, v) -> r.errorKinds.merge(k, v, Long::sum));
			p.errorSamples.forEach(r.errorSamples::putIfAbsent);
			r.seconds += p.seconds;
			r.serverCpu += p.serverCpu;
			r.clientCpu += p.clientCpu;
			other += p.otherCpu * p.seconds;
			gc += p.gcPauses * p.seconds;
		}
		r.otherCpu = other / r.seconds;
		r.gcPauses = gc / r.seconds;
		return r;
	}

	double rate() {
		return seconds > 0 ? ok / seconds : Double.NaN;
	}

	/** Nearest-rank percentile in milliseconds. */
	double p(double q) {
		return percentileMs(sorted, q);
	}

	/** Nearest-rank percentile in milliseconds of sorted nanoseconds, NaN if there are none. */
	static double percentileMs(long[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int idx = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
	}

	double serverCpuPerRequest() {
		long n = ok + errors;
		return n == 0 ? Double.NaN : serverCpu * 1000 / n;
	}

	double clientCpuPerRequest() {
		long n = ok + errors;
		return n == 0 ? Double.NaN : clientCpu * 1000 / n;
	}
}

package io.podnet.bench;

import static io.podnet.bench.Format.f;
import static io.podnet.bench.Format.percent;
import static io.podnet.bench.Format.x;

/** The report's tables of measurements, one row per operation. */
final class OperationTable {

	static final String HEAD = "| Operation | OK | Errors | req/s | p50 ms | p99 ms | × GET | service CPU ms/req "
			+ "| client CPU ms/req | other processes' CPU | service GC pauses | seconds |\n"
			+ "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

	private final Findings findings;
	/** The rate "× GET" is to for operations that no GET bracketed. */
	private final double ceiling;

	OperationTable(Findings findings, double ceiling) {
		this.findings = findings;
		this.ceiling = ceiling;
	}

	/** The head and a row for each. */
	void append(StringBuilder md, Iterable<Result> rows) {
		md.append(HEAD);
		for (Result r : rows) {
			md.append(row(r)).append("\n");
		}
	}

	/** A table row; "× GET" is to the GET that bracketed the operation if one did, else to the ceiling. */
	private String row(Result r) {
		Result paired = findings.pairedGets.get(r.name);
		double to = paired != null ? paired.rate() : ceiling;
		return "| " + r.name + " | " + Format.count(r.ok) + " | " + errorCell(r) + " | "
				+ f(r.rate()) + " | " + f(r.p(0.5)) + " | " + f(r.p(0.99)) + " | " + x(r.rate() / to) + " | "
				+ f(r.serverCpuPerRequest()) + " | " + f(r.clientCpuPerRequest()) + " | " + percent(r.otherCpu) + " | "
				+ percent(r.gcPauses) + " | " + f(r.seconds) + " |";
	}

	private static String errorCell(Result r) {
		if (r.errors == 0) {
			return "0";
		}
		StringBuilder sb = new StringBuilder();
		r.errorKinds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(" × ").append(k));
		return sb.toString().replace("|", "\\|");
	}
}

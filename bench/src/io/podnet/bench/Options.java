package io.podnet.bench;

import java.net.URI;

/** The command line as {@code bench/run.sh} passes it; read once, before anything runs. */
final class Options {

	String base;
	long pid = -1;
	int nodes = 5000;
	int podsPerNode = 30;
	int namespaces = 100;
	int threads = 16;
	int duration = 20;
	int warmup = 3;
	int pageLimit = 500;
	int v6Nodes = 200;
	int v6Rounds = 3;
	/** Clock ticks per second of the CPU times in /proc ({@code getconf CLK_TCK}). */
	long clkTck = 100;
	String out = "bench/RESULTS.md";
	String database = "H2";
	String heap = "?";
	String commit = "?";
	String mode = "full";
	String serviceLog;
	String command = "bench/run.sh";

	static Options parse(String[] args) {
		Options o = new Options();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			String v = i + 1 < args.length ? args[i + 1] : null;
			switch (a) {
				case "--base" -> o.base = v;
				case "--pid" -> o.pid = Long.parseLong(v);
				case "--nodes" -> o.nodes = Integer.parseInt(v);
				case "--pods-per-node" -> o.podsPerNode = Integer.parseInt(v);
				case "--namespaces" -> o.namespaces = Integer.parseInt(v);
				case "--threads" -> o.threads = Integer.parseInt(v);
				case "--duration" -> o.duration = Integer.parseInt(v);
				case "--warmup" -> o.warmup = Integer.parseInt(v);
				case "--page-limit" -> o.pageLimit = Integer.parseInt(v);
				case "--v6-nodes" -> o.v6Nodes = Integer.parseInt(v);
				case "--v6-rounds" -> o.v6Rounds = Integer.parseInt(v);
				case "--clk-tck" -> o.clkTck = Long.parseLong(v);
				case "--out" -> o.out = v;
				case "--database" -> o.database = v;
				case "--heap" -> o.heap = v;
				case "--commit" -> o.commit = v;
				case "--mode" -> o.mode = v;
				case "--service-log" -> o.serviceLog = v;
				case "--command" -> o.command = v;
				default -> throw new IllegalArgumentException("unknown option " + a);
			}
			i++;
		}
		if (o.base == null) {
			throw new IllegalArgumentException("--base http://127.0.0.1:PORT is required");
		}
		String host = URI.create(o.base).getHost();
		if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
			throw new IllegalArgumentException("the benchmark only targets 127.0.0.1");
		}
		if (o.v6Nodes > 250) {
			throw new IllegalArgumentException("--v6-nodes must stay below the 256 subnets of the 2^8 network");
		}
		return o;
	}

	/** The pods of the loaded cluster. */
	int podCount() {
		return nodes * podsPerNode;
	}
}

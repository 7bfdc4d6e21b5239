package replicas;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line, as {@code scripts/replicas-test.sh} passes it; read once, before anything runs. */
final class Options {

	static final List<Replica> replicas = new ArrayList<>();
	static Path work;
	static int clients = 16;
	static int nodeCount = 60;
	static int targetPods = 10_000;
	static double killAt = 0.4;
	static String victimName = "B";
	static int downSeconds = 6;
	static int afterRestartAnswers = 600;
	static int maxSeconds = 300;
	static int maxOpsPerClient = 4_000;
	static String restartCommand;
	static String cluster = "chaos";
	static long seed = 7;
	static boolean strict;

	private Options() {
	}

	static void parse(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + a);
			}
			String v = args[++i];
			switch (a) {
				case "--replica" -> {
					String[] nv = v.split("=", 2);
					URI base = URI.create(nv[1]);
					if (!"127.0.0.1".equals(base.getHost())) {
						throw new IllegalArgumentException("replicas must be on 127.0.0.1: " + v);
					}
					replicas.add(new Replica(nv[0], base));
				}
				case "--work" -> work = Path.of(v);
				case "--clients" -> clients = Integer.parseInt(v);
				case "--nodes" -> nodeCount = Integer.parseInt(v);
				case "--pods" -> targetPods = Integer.parseInt(v);
				case "--kill-at" -> killAt = Double.parseDouble(v);
				case "--victim" -> victimName = v;
				case "--down-seconds" -> downSeconds = Integer.parseInt(v);
				case "--after-restart-answers" -> afterRestartAnswers = Integer.parseInt(v);
				case "--max-seconds" -> maxSeconds = Integer.parseInt(v);
				case "--max-ops-per-client" -> maxOpsPerClient = Integer.parseInt(v);
				case "--restart-command" -> restartCommand = v;
				case "--cluster" -> cluster = v;
				case "--seed" -> seed = Long.parseLong(v);
				case "--strict" -> strict = Boolean.parseBoolean(v);
				default -> throw new IllegalArgumentException("unknown option " + a);
			}
		}
		if (replicas.size() < 2 || work == null || restartCommand == null) {
			throw new IllegalArgumentException("need two --replica NAME=URL, --work DIR and --restart-command CMD");
		}
		if (replicas.stream().noneMatch(r -> r.name.equals(victimName))) {
			throw new IllegalArgumentException("--victim " + victimName + " is not a replica");
		}
	}
}

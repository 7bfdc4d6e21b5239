package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.util.List;

/**
 * Before the measurements, the service's JIT compilers get to see every request the benchmark
 * makes, on a small throwaway cluster, so the first measurement (pod create on the empty
 * cluster) is not paying for compilation that the later ones do not.
 */
final class JvmWarmUp {

	/** Rounds of every request kind on the throwaway cluster before anything is recorded. */
	static final int ROUNDS = 3;
	private static final int NODES = 20;

	private final Options o;
	private final Http http;
	private final Clients clients;
	private final Workloads workloads;
	private final JitQueue jit;
	private final ServiceMemory memory;

	JvmWarmUp(Options o, Http http, Clients clients, Workloads workloads, JitQueue jit, ServiceMemory memory) {
		this.o = o;
		this.http = http;
		this.clients = clients;
		this.workloads = workloads;
		this.jit = jit;
		this.memory = memory;
	}

	void run() throws Exception {
		String w = Api.cluster("warmup");
		log("JVM warm-up on a throwaway cluster of " + NODES + " nodes (not recorded)");
		http.must("POST", Api.CLUSTERS, Api.clusterBody("warmup", "10.1.0.0/16", "10.64.0.0/12", null));
		clients.tasks("warm-up: node create", NODES, workloads.nodeCreate(w), null);
		ScratchPods created = new ScratchPods(http, clients, w, "warm");
		double seconds = Math.max(2, Math.min(10, o.duration / 2.0));
		for (int round = 1; round <= ROUNDS; round++) {
			round(w, seconds, created);
			log("  JVM warm-up round " + round + " of " + ROUNDS + ": " + jit.queued() + " compile tasks queued");
		}
		jit.settle("the load");
		memory.sample("after the JVM warm-up");
	}

	private void round(String w, double seconds, ScratchPods created) throws Exception {
		clients.timed("warm-up: pod create", seconds, t -> created.creator(NODES));
		List<String[]> live = created.live();
		clients.timed("warm-up: GET node, GET pod, path, list", seconds, t -> rnd -> {
			String[] a = live.get(rnd.nextInt(live.size()));
			String[] b = live.get(rnd.nextInt(live.size()));
			int kind = rnd.nextInt(4);
			return Outcome.timed(() -> switch (kind) {
				case 0 -> http.call("GET", Api.node(w, Api.nodeName(rnd.nextInt(NODES))), null);
				case 1 -> http.call("GET", Api.pod(w, a), null);
				case 2 -> http.call("GET", Api.path(w, a, b), null);
				default -> http.call("GET", Api.podPage(w, o.pageLimit, null), null);
			});
		});
		clients.timed("warm-up: pod delete", seconds, t -> created.deleter());
		created.drain();
	}
}

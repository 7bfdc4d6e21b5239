package io.podnet.bench;

import java.util.Map;

/** The read requests measured on the loaded cluster, each to a random node or pod of it. */
final class Workloads {

	private final Options o;
	private final Http http;

	Workloads(Options o, Http http) {
		this.o = o;
		this.http = http;
	}

	/** Namespace and name of the j-th loaded pod of node k. */
	String[] loadedPod(int k, int j) {
		return new String[] {"ns-" + (k % o.namespaces), "pod-" + k + "-" + j};
	}

	/** Creates node i of a cluster, named as {@link Api#nodeName} says. */
	Task nodeCreate(String cluster) {
		return i -> http.call("POST", Api.nodes(cluster), Api.nodeBody(Api.nodeName(i)));
	}

	/** The ceiling: GET of a random node of the cluster at that path. */
	Worker.Factory getNode(String cluster) {
		return t -> rnd -> Outcome.timed(
				() -> http.call("GET", Api.node(cluster, Api.nodeName(rnd.nextInt(o.nodes))), null));
	}

	Worker.Factory getPod(String cluster) {
		return t -> rnd -> {
			String[] p = loadedPod(rnd.nextInt(o.nodes), rnd.nextInt(o.podsPerNode));
			return Outcome.timed(() -> http.call("GET", Api.pod(cluster, p), null));
		};
	}

	/**
	 * The path between random pods on two different nodes; an answer other than
	 * ACCEPTED/CROSS_NODE counts as an error. Every answer's disposition/scope is counted.
	 */
	Worker.Factory path(String cluster, Map<String, Long> dispositions) {
		return t -> rnd -> {
			int k1 = rnd.nextInt(o.nodes);
			int k2 = (k1 + 1 + rnd.nextInt(o.nodes - 1)) % o.nodes;
			String[] a = loadedPod(k1, rnd.nextInt(o.podsPerNode));
			String[] b = loadedPod(k2, rnd.nextInt(o.podsPerNode));
			long t0 = System.nanoTime();
			Response r = http.call("GET", Api.path(cluster, a, b), null);
			long dt = System.nanoTime() - t0;
			if (!r.ok()) {
				return Outcome.of(r, dt);
			}
			String d = Answers.group(Answers.DISPOSITION, r.body()) + "/" + Answers.group(Answers.SCOPE, r.body());
			synchronized (dispositions) {
				dispositions.merge(d, 1L, Long::sum);
			}
			return d.equals("ACCEPTED/CROSS_NODE") ? new Outcome(null, dt)
					: new Outcome("unexpected " + d + ": " + Outcome.abbreviate(r.body()), dt);
		};
	}
}

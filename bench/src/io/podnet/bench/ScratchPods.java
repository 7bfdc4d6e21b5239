package io.podnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pods that a create measurement makes in a namespace of their own (p-0, p-1, ...) and the delete
 * measurement after it deletes; unmeasured top-ups and clean-ups around them, so that the delete
 * does not run out early and the cluster is left holding exactly the pods it held before.
 */
final class ScratchPods {

	private final Http http;
	private final Clients clients;
	private final String cluster;
	private final String namespace;
	private final AtomicLong seq = new AtomicLong();
	/** The pods made and not deleted yet, as {namespace, name}. */
	private final ConcurrentLinkedQueue<String[]> pods = new ConcurrentLinkedQueue<>();

	ScratchPods(Http http, Clients clients, String cluster, String namespace) {
		this.http = http;
		this.clients = clients;
		this.cluster = cluster;
		this.namespace = namespace;
	}

	/** A copy of the pods there are now. */
	List<String[]> live() {
		return new ArrayList<>(pods);
	}

	/** Creates a pod on a random one of the cluster's first {@code nodes} nodes. */
	Worker creator(int nodes) {
		return rnd -> {
			String name = nextName();
			String node = Api.nodeName(rnd.nextInt(nodes));
			long t0 = System.nanoTime();
			Response r = create(name, node);
			return Outcome.of(r, System.nanoTime() - t0);
		};
	}

	/** Deletes one of the pods; stops when none is left. */
	Worker deleter() {
		return rnd -> {
			String[] p = pods.poll();
			if (p == null) {
				return Outcome.STOP;
			}
			long t0 = System.nanoTime();
			Response r = delete(p);
			return Outcome.of(r, System.nanoTime() - t0);
		};
	}

	/**
	 * Creates pods (unmeasured) until there are enough for a delete measurement of
	 * {@code seconds} at up to 2.5 times the create rate (deletes run faster than creates).
	 */
	void topUp(double createRate, int seconds, int nodes) throws Exception {
		int target = (int) Math.ceil(Math.max(createRate, 50) * seconds * 2.5);
		int missing = target - pods.size();
		if (missing > 0) {
			clients.tasks("top-up: " + missing + " pods to delete", missing,
					i -> create(nextName(), Api.nodeName(ThreadLocalRandom.current().nextInt(nodes))), null);
		}
	}

	/** Deletes what a create phase left, unmeasured, so the cluster holds exactly the loaded pods. */
	void drain() throws Exception {
		for (int pass = 0; pass < 10 && !pods.isEmpty(); pass++) {
			int left = pods.size();
			clients.tasks("cleanup: delete " + left + " leftover pods", left, i -> {
				String[] p = pods.poll();
				if (p == null) {
					return new Response(204, "");
				}
				Response r = delete(p);
				return r.status() == 404 ? new Response(204, "") : r;
			}, null);
		}
		if (!pods.isEmpty()) {
			throw new IllegalStateException(pods.size() + " pods could not be deleted");
		}
	}

	private String nextName() {
		return "p-" + seq.getAndIncrement();
	}

	/** Creates the pod and keeps it if the service did. */
	private Response create(String name, String node) {
		Response r = http.call("POST", Api.pods(cluster, namespace), Api.podBody(name, node));
		if (r.ok()) {
			pods.add(new String[] {namespace, name});
		}
		return r;
	}

	/** Deletes the pod, or keeps it to try again later if it may still be there. */
	private Response delete(String[] pod) {
		Response r = http.call("DELETE", Api.pod(cluster, pod), null);
		if (!r.ok() && r.status() != 404) {
			pods.add(pod); // not deleted: try it again later
		}
		return r;
	}
}

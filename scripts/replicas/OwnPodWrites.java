package replicas;

import static replicas.Counts.ambiguousCreates;
import static replicas.Counts.ambiguousCreatesCommitted;
import static replicas.Counts.ambiguousCreatesNotCommitted;
import static replicas.Counts.ambiguousDeletes;
import static replicas.Counts.spurious409;
import static replicas.Counts.spuriousExamples;
import static replicas.Counts.unresolved;
import static replicas.Http.API;
import static replicas.Http.call;
import static replicas.Ledger.livePods;
import static replicas.Options.cluster;
import static replicas.Options.strict;
import static replicas.Violations.violation;

/**
 * Creates and deletes of the pods only one client names. Each answer, or a GET after a lost one,
 * settles what the client must find afterwards: live with its IP, absent, or either (outcome unknown).
 */
final class OwnPodWrites {

	private OwnPodWrites() {
	}

	/** A new name (or a deleted one again): 201 expected. */
	static void create(Client c, String name, boolean recreate) {
		String body = c.podBody(name);
		String op = c.placed(recreate ? "pod.recreate" : "pod.create");
		Answer a = call(op, "POST", API + cluster + "/namespaces/" + c.namespace + "/pods", body, c.turn);
		if (a.status() == 201) {
			c.acknowledge(name, Json.parse(a.body()).str("ip"));
			c.ack("201", op, name, a);
			if (a.ambiguous()) {
				ambiguousCreates.increment();
				ambiguousCreatesNotCommitted.increment();
			}
		} else if (a.status() == 409 && a.ambiguous()) {
			// the lost attempt may have committed: look
			ambiguousCreates.increment();
			resolve(c, name, a.timedOut());
		} else if (a.status() == -1 && !a.ambiguous()) {
			// every attempt was refused at connect: nothing reached a replica
			if (!recreate) {
				c.refused.add(name);
			}
		} else if (a.status() == -1) {
			ambiguousCreates.increment();
			unresolved.increment();
			c.maybe.add(name);
			c.liveNames.remove(name);
			c.deletedNames.remove(name);
		} else if (a.status() == 409) {
			if ("already-exists".equals(a.problemType())) {
				violation(op + " " + c.namespace + "/" + name + " (never created, or acknowledged deleted) answered 409 "
						+ "already-exists: " + a.body());
			} else if ("in-use".equals(a.problemType())) {
				spurious(c, op, name, a);
			}
			if (!recreate) {
				c.refused.add(name);
			}
		} else {
			c.unexpected(op, name, a);
			if (!recreate) {
				c.refused.add(name);
			}
		}
	}

	/** After a lost answer and a 409: the GET tells whether the first attempt committed. */
	static void resolve(Client c, String name, boolean timedOut) {
		Answer g = call("pod.get", "GET", c.podPath(name), null, c.turn);
		if (g.status() == 200) {
			ambiguousCreatesCommitted.increment();
			c.acknowledge(name, Json.parse(g.body()).str("ip"));
			c.ack("409+GET", "pod.create", name, g);
		} else if (g.status() == 404 && timedOut) {
			// a replica that timed out may still commit it: either outcome is right
			unresolved.increment();
			c.maybe.add(name);
			c.liveNames.remove(name);
			c.deletedNames.remove(name);
		} else if (g.status() == 404) {
			ambiguousCreatesNotCommitted.increment();
			if (!c.live.containsKey(name) && !c.deletedNames.contains(name)) {
				c.refused.add(name);
			}
		} else {
			unresolved.increment();
			c.maybe.add(name);
			c.liveNames.remove(name);
			c.deletedNames.remove(name);
			if (c.live.remove(name) != null) {
				livePods.decrementAndGet();
			}
		}
	}

	static void delete(Client c, String name) {
		Answer a = call("pod.delete", "DELETE", c.podPath(name), null, c.turn);
		if (a.ambiguous()) {
			ambiguousDeletes.increment();
		}
		if (a.status() == 204 || (a.status() == 404 && a.ambiguous())) {
			c.ack(a.status() == 204 ? "204" : "lost+404", "pod.delete", name, a);
			c.live.remove(name);
			livePods.decrementAndGet();
			c.liveNames.remove(name);
			c.deletedNames.add(name);
		} else if (a.status() == 404) {
			violation("acknowledged pod " + c.namespace + "/" + name + " (ip " + c.live.get(name) + ") is gone: "
					+ "DELETE answered 404 " + a.body());
			c.live.remove(name);
			livePods.decrementAndGet();
			c.liveNames.remove(name);
		} else if (a.status() == -1 && !a.ambiguous()) {
			// every attempt was refused at connect: the pod stays
		} else if (a.status() == -1) {
			unresolved.increment();
			c.live.remove(name);
			livePods.decrementAndGet();
			c.liveNames.remove(name);
			c.maybe.add(name);
		} else if (a.status() == 409 && a.timedOut()) {
			// refused here, but the attempt that timed out may still delete it: either outcome is right
			unresolved.increment();
			c.live.remove(name);
			livePods.decrementAndGet();
			c.liveNames.remove(name);
			c.maybe.add(name);
		} else if (a.status() == 409) {
			// refused: the pod stays, with its IP (checked at the end)
			spurious(c, "pod.delete", name, a);
		} else {
			c.unexpected("pod.delete", name, a);
		}
	}

	/**
	 * A 409 in-use ("a concurrent request changed the same resource") answered to a write of a pod
	 * no other client touches: nothing really conflicted, the request lost an internal race.
	 * Clean (nothing changed, checked at the end), but wrong; with --strict a violation.
	 */
	static void spurious(Client c, String op, String name, Answer a) {
		spurious409.increment();
		if (spuriousExamples.size() < 5) {
			spuriousExamples.add(op + " " + c.namespace + "/" + name + " via " + a.via() + ": " + a.body());
		}
		if (strict) {
			violation(op + " " + c.namespace + "/" + name + " answered 409 in-use although no other client touches it: "
					+ a.body());
		}
	}
}

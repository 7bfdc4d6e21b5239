package replicas;

import static replicas.Http.API;
import static replicas.Ledger.acknowledged;
import static replicas.Ledger.livePods;
import static replicas.Ledger.nodeNames;
import static replicas.Log.seconds;
import static replicas.Options.cluster;
import static replicas.Options.maxOpsPerClient;
import static replicas.Options.seed;
import static replicas.Options.targetPods;
import static replicas.Violations.violation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One client: owns the pod names it makes up, so it knows what must exist afterwards. Its loop
 * picks the next request at random: {@link OwnPodWrites} (create, delete, re-create of its own
 * names), {@link Probes} (a duplicate create, a read-back), {@link SharedNames} (a name raced by
 * several clients).
 */
final class Client {

	static final String CONTAINERS = "[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]},"
			+ "{\"name\":\"sidecar\",\"image\":\"envoy:1.31\",\"ports\":[{\"containerPort\":9901}]}]";

	final int id;
	final String namespace;
	final Random random;
	/** Acknowledged live: name -> the acknowledged IP. */
	final Map<String, String> live = new HashMap<>();
	final Pick liveNames = new Pick();
	/** Acknowledged deleted. */
	final Pick deletedNames = new Pick();
	/** Refused, or never reached a replica: must not exist. */
	final Set<String> refused = new HashSet<>();
	/** The outcome is unknown to this client: either is right. */
	final Set<String> maybe = new HashSet<>();
	int sequence;
	int turn;

	Client(int id) {
		this.id = id;
		this.namespace = "team-" + (id % 4);
		this.random = new Random(seed * 1_000 + id);
		this.turn = id;
	}

	String podPath(String name) {
		return API + cluster + "/namespaces/" + namespace + "/pods/" + name;
	}

	void run() {
		for (int ops = 0; ops < maxOpsPerClient && !PodLoad.stop; ops++) {
			if (System.nanoTime() > PodLoad.deadline) {
				return;
			}
			if (livePods.get() >= targetPods && KillRestart.done) {
				return;
			}
			int dice = random.nextInt(100);
			turn++;
			if (dice < 7 && liveNames.size() > 0) {
				OwnPodWrites.delete(this, liveNames.random(random));
			} else if (dice < 11 && deletedNames.size() > 0) {
				OwnPodWrites.create(this, deletedNames.random(random), true);
			} else if (dice < 14 && liveNames.size() > 0) {
				Probes.duplicate(this, liveNames.random(random));
			} else if (dice < 18) {
				SharedNames.race(this);
			} else if (dice < 22 && liveNames.size() > 0) {
				Probes.readBack(this, liveNames.random(random));
			} else {
				OwnPodWrites.create(this, "c" + id + "-p" + (sequence++), false);
			}
		}
	}

	boolean withNode;

	/** A pod body; half of them name a node, the others leave placement to podnet. */
	String podBody(String name) {
		List<String> nodes = nodeNames;
		withNode = random.nextBoolean();
		String node = withNode ? ",\"nodeName\":\"" + nodes.get(random.nextInt(nodes.size())) + "\"" : "";
		return "{\"name\":\"" + name + "\"" + node + ",\"containers\":" + CONTAINERS + "}";
	}

	String placed(String op) {
		return op + (withNode ? " (nodeName)" : " (placed)");
	}

	void acknowledge(String name, String ip) {
		if (live.put(name, ip) == null) {
			livePods.incrementAndGet();
		}
		liveNames.add(name);
		deletedNames.remove(name);
		refused.remove(name);
		maybe.remove(name);
	}

	void ack(String what, String op, String name, Answer a) {
		acknowledged.add(String.format("%.3f %s %s %s/%s ip=%s via=%s%s", seconds(), what, op, namespace, name,
				live.get(name), a.via(), a.ambiguous() ? " after-lost-answer" : ""));
	}

	void unexpected(String op, String name, Answer a) {
		if (a.status() >= 500) {
			return; // counted and recorded as a server error already
		}
		if (a.status() != 409) {
			violation(op + " " + name + " answered " + a.status() + " " + a.body());
		}
	}
}

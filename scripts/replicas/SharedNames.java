package replicas;

import static replicas.Http.API;
import static replicas.Http.call;
import static replicas.Ledger.acknowledged;
import static replicas.Log.seconds;
import static replicas.Options.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared names: several clients create the same one at about the same time; at most one 201. */
final class SharedNames {

	/** What the clients were answered about one shared name. */
	static final class DupName {
		final List<String> ips = new ArrayList<>();
		int attempts;
		int conflicts;
		int ambiguous;
	}

	static final Map<String, DupName> dupNames = new ConcurrentHashMap<>();
	static final AtomicInteger dupSequence = new AtomicInteger();

	private SharedNames() {
	}

	/** The next shared name (4 attempts each, by whichever clients come), created in namespace "shared". */
	static void race(Client c) {
		int n = dupSequence.getAndIncrement() / 4;
		String name = "dup-" + n;
		DupName d = dupNames.computeIfAbsent(name, k -> new DupName());
		String body = c.podBody(name);
		Answer a = call(c.placed("pod.shared"), "POST", API + cluster + "/namespaces/shared/pods", body, c.turn);
		synchronized (d) {
			d.attempts++;
			if (a.ambiguous()) {
				d.ambiguous++;
			}
			if (a.status() == 201) {
				d.ips.add(Json.parse(a.body()).str("ip"));
				acknowledged.add(String.format("%.3f 201 %s shared/%s ip=%s via=%s%s", seconds(), "pod.shared", name,
						d.ips.get(d.ips.size() - 1), a.via(), a.ambiguous() ? " after-lost-answer" : ""));
			} else if (a.status() == 409) {
				d.conflicts++;
			} else if (a.status() != -1) {
				c.unexpected("pod.shared", name, a);
			}
		}
	}
}

package replicas;

import static replicas.Http.API;
import static replicas.Http.call;
import static replicas.Options.cluster;
import static replicas.Violations.violation;

/** Requests of a client about its own live pods that must change nothing: a duplicate create, a read-back. */
final class Probes {

	private Probes() {
	}

	/** A create of a name that exists: 409 already-exists, nothing changes. */
	static void duplicate(Client c, String name) {
		String body = c.podBody(name);
		Answer a = call(c.placed("pod.duplicate"), "POST", API + cluster + "/namespaces/" + c.namespace + "/pods", body,
				c.turn);
		if (a.status() == 201) {
			violation("a create of existing pod " + c.namespace + "/" + name + " (ip " + c.live.get(name)
					+ ") answered 201: " + a.body());
			c.live.put(name, Json.parse(a.body()).str("ip"));
		} else if (a.status() != 409 && a.status() != -1) {
			c.unexpected("pod.duplicate", name, a);
		}
		// a 409 of another type (in-use) is a refusal too; it is counted under its type
	}

	/** Read-your-writes through whichever replica comes next: the acknowledged IP. */
	static void readBack(Client c, String name) {
		Answer g = call("pod.get", "GET", c.podPath(name), null, c.turn);
		if (g.status() == 200) {
			String ip = Json.parse(g.body()).str("ip");
			if (!ip.equals(c.live.get(name))) {
				violation("GET " + c.namespace + "/" + name + " via " + g.via() + " shows ip " + ip + "; acknowledged "
						+ c.live.get(name));
			}
		} else if (g.status() == 404) {
			violation("acknowledged pod " + c.namespace + "/" + name + " not found via " + g.via());
		} else if (g.status() != -1) {
			c.unexpected("pod.get", name, g);
		}
	}
}

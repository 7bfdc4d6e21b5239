package replicas;

import static replicas.Ledger.ackedNodes;
import static replicas.Ledger.acknowledged;
import static replicas.Options.work;
import static replicas.PodLoad.clientStates;
import static replicas.SharedNames.dupNames;
import static replicas.Violations.violation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold afterwards, summed up from the clients' ledgers; written into the work directory
 * for {@code replicas-test.sh}, which checks it in the database.
 */
final class Expected {
	final Map<String, String> live = new TreeMap<>(); // "ns/name" -> ip
	final Set<String> absent = new java.util.TreeSet<>(); // "ns/name": acknowledged deleted, or refused
	final Set<String> maybe = new java.util.TreeSet<>(); // outcome unknown to the clients

	static Expected collect() {
		Expected e = new Expected();
		for (Client c : clientStates) {
			c.live.forEach((name, ip) -> e.live.put(c.namespace + "/" + name, ip));
			for (String name : c.deletedNames.items) {
				e.absent.add(c.namespace + "/" + name);
			}
			for (String name : c.refused) {
				e.absent.add(c.namespace + "/" + name);
			}
			for (String name : c.maybe) {
				e.maybe.add(c.namespace + "/" + name);
			}
		}
		dupNames.forEach((name, d) -> {
			String key = "shared/" + name;
			if (d.ips.size() > 1) {
				violation("shared name " + key + " was created " + d.ips.size() + " times (201 with ips " + d.ips + ")");
				e.maybe.add(key);
			} else if (d.ips.size() == 1) {
				e.live.put(key, d.ips.get(0));
			} else if (d.ambiguous > 0 || d.attempts > d.conflicts) {
				e.maybe.add(key);
			} else {
				e.absent.add(key);
			}
		});
		return e;
	}

	/** expected-live.csv, expected-absent.csv, expected-maybe.csv, expected-nodes.csv, acknowledged.log. */
	void write() throws IOException {
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-live.csv")))) {
			live.forEach((k, ip) -> w.println(k.replace('/', ',') + "," + ip));
		}
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-absent.csv")))) {
			absent.forEach(k -> w.println(k.replace('/', ',')));
		}
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-maybe.csv")))) {
			maybe.forEach(k -> w.println(k.replace('/', ',')));
		}
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("acknowledged.log")))) {
			acknowledged.forEach(w::println);
		}
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-nodes.csv")))) {
			new TreeMap<>(ackedNodes).forEach((name, as) -> w.println(name + "," + as[0] + "," + as[1]));
		}
	}
}

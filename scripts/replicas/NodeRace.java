package replicas;

import static replicas.Http.API;
import static replicas.Http.call;
import static replicas.Http.parallel;
import static replicas.Ledger.ackedNodes;
import static replicas.Log.say;
import static replicas.Options.cluster;
import static replicas.Options.nodeCount;
import static replicas.Violations.violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The second phase: the nodes, each name created twice at once through different replicas. */
final class NodeRace {

	private NodeRace() {
	}

	static void run() {
		// every name twice, through different replicas at the same moment: exactly one 201 each
		List<String> names = new ArrayList<>();
		for (int i = 0; i < nodeCount; i++) {
			names.add(String.format("node-%03d", i));
		}
		List<Answer> answers = parallel(names.size() * 2,
				i -> call("node.create", "POST", API + cluster + "/nodes", "{\"name\":\"" + names.get(i / 2) + "\"}", i));
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			Answer first = answers.get(2 * i);
			Answer second = answers.get(2 * i + 1);
			int created = (first.status() == 201 ? 1 : 0) + (second.status() == 201 ? 1 : 0);
			if (created > 1) {
				violation("node " + name + " created twice: both racing creates answered 201");
			}
			for (Answer a : List.of(first, second)) {
				if (a.status() == 201) {
					Json n = Json.parse(a.body());
					ackedNodes.put(name, new String[] { n.str("address"), n.str("podSubnet") });
				} else if (a.status() != 409) {
					violation("node create " + name + " answered " + a.status() + " " + a.body());
				}
			}
			if (created == 0) {
				// both lost (e.g. one 409 in-use on a constraint race): try once more, sequentially
				Answer again = call("node.create", "POST", API + cluster + "/nodes", "{\"name\":\"" + name + "\"}", i);
				if (again.status() == 201) {
					Json n = Json.parse(again.body());
					ackedNodes.put(name, new String[] { n.str("address"), n.str("podSubnet") });
				} else {
					violation("node " + name + " could not be created: " + again.status() + " " + again.body());
				}
			}
		}
		Set<String> addresses = new HashSet<>();
		Set<String> subnets = new HashSet<>();
		ackedNodes.forEach((name, as) -> {
			if (!addresses.add(as[0])) {
				violation("two nodes were answered the same address " + as[0]);
			}
			if (!subnets.add(as[1])) {
				violation("two nodes were answered the same pod subnet " + as[1]);
			}
		});
		Ledger.nodeNames = List.copyOf(new TreeMap<>(ackedNodes).keySet());
		say(Ledger.nodeNames.size() + " nodes created through both replicas (" + names.size() * 2 + " racing creates)");
		if (Ledger.nodeNames.size() < 50) {
			throw new SetupFailure("only " + Ledger.nodeNames.size() + " nodes; need at least 50");
		}
	}
}

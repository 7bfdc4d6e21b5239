package replicas;

import static replicas.Http.API;
import static replicas.Http.callOne;
import static replicas.Ledger.ackedNodes;
import static replicas.Log.say;
import static replicas.Options.cluster;
import static replicas.Options.replicas;
import static replicas.Violations.violation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * After the load: every replica read back through the API (pods, nodes, routes) and compared with
 * what was acknowledged; one summary line per replica.
 */
final class ApiCheck {

	private ApiCheck() {
	}

	static void run(Expected expected) {
		for (Replica r : replicas) {
			if (!r.healthy()) {
				violation("replica " + r.name + " is not healthy at the end");
				continue;
			}
			Map<String, Json> pods = listPods(r);
			int missing = 0;
			int wrongIp = 0;
			int resurrected = 0;
			int phantoms = 0;
			for (Map.Entry<String, String> e : expected.live.entrySet()) {
				Json p = pods.get(e.getKey());
				if (p == null) {
					missing++;
					violation("acknowledged pod " + e.getKey() + " (ip " + e.getValue() + ") is not listed via " + r.name);
				} else if (!e.getValue().equals(p.str("ip"))) {
					wrongIp++;
					violation("pod " + e.getKey() + " has ip " + p.str("ip") + " via " + r.name + "; acknowledged "
							+ e.getValue());
				}
			}
			for (String k : expected.absent) {
				if (pods.containsKey(k)) {
					resurrected++;
					violation("pod " + k + " (acknowledged deleted, or refused) is listed via " + r.name);
				}
			}
			for (String k : pods.keySet()) {
				if (!expected.live.containsKey(k) && !expected.absent.contains(k) && !expected.maybe.contains(k)) {
					phantoms++;
					violation("pod " + k + " exists but no client was told it was created (via " + r.name + ")");
				}
			}
			// nodes: the acknowledged allocation, and pods.allocated = pods listed on the node
			Map<String, Integer> perNode = new HashMap<>();
			pods.values().forEach(p -> perNode.merge(p.str("nodeName"), 1, Integer::sum));
			Answer nodesAnswer = callOne(r, API + cluster + "/nodes");
			int countMismatch = 0;
			int nodesSeen = 0;
			Map<String, String[]> nodeAlloc = new HashMap<>();
			if (nodesAnswer.status() != 200) {
				violation("listing nodes via " + r.name + " answered " + nodesAnswer.status());
			} else {
				for (Json n : Json.parse(nodesAnswer.body()).get("items").list()) {
					nodesSeen++;
					String name = n.str("name");
					nodeAlloc.put(name, new String[] { n.str("address"), n.str("podSubnet") });
					String[] acked = ackedNodes.get(name);
					if (acked == null) {
						violation("node " + name + " exists but was never acknowledged (via " + r.name + ")");
					} else if (!acked[0].equals(n.str("address")) || !acked[1].equals(n.str("podSubnet"))) {
						violation("node " + name + " shows " + n.str("address") + " " + n.str("podSubnet") + "; acknowledged "
								+ acked[0] + " " + acked[1]);
					}
					int allocated = (int) n.get("pods").num("allocated");
					int actual = perNode.getOrDefault(name, 0);
					if (allocated != actual) {
						countMismatch++;
						violation("node " + name + " says pods.allocated=" + allocated + " but " + actual
								+ " pods are listed on it (via " + r.name + ")");
					}
				}
				if (nodesSeen != ackedNodes.size()) {
					violation(nodesSeen + " nodes listed via " + r.name + "; " + ackedNodes.size() + " acknowledged");
				}
			}
			// every pod inside its node's subnet (the API's view)
			int outside = 0;
			for (Json p : pods.values()) {
				String[] alloc = nodeAlloc.get(p.str("nodeName"));
				if (alloc == null || !Cidr.contains(alloc[1], p.str("ip"))) {
					outside++;
					violation("pod " + p.str("namespace") + "/" + p.str("name") + " ip " + p.str("ip") + " is outside node "
							+ p.str("nodeName") + "'s subnet " + (alloc == null ? "(no such node)" : alloc[1]));
				}
			}
			// gateway routes: exactly one NODE route per node, podSubnet via address
			Answer routesAnswer = callOne(r, API + cluster + "/routes");
			int nodeRoutes = 0;
			if (routesAnswer.status() != 200) {
				violation("listing routes via " + r.name + " answered " + routesAnswer.status());
			} else {
				Map<String, Integer> routesPerNode = new HashMap<>();
				for (Json route : Json.parseList(routesAnswer.body())) {
					if (!"NODE".equals(route.str("type"))) {
						continue;
					}
					nodeRoutes++;
					String node = route.str("node");
					routesPerNode.merge(node, 1, Integer::sum);
					String[] alloc = nodeAlloc.get(node);
					if (alloc == null) {
						violation("NODE route " + route.str("destination") + " names node " + node + ", which is not listed");
					} else if (!alloc[1].equals(route.str("destination")) || !alloc[0].equals(route.str("nextHop"))) {
						violation("NODE route of " + node + " is " + route.str("destination") + " via " + route.str("nextHop")
								+ "; the node has " + alloc[1] + " at " + alloc[0]);
					}
				}
				for (String node : nodeAlloc.keySet()) {
					if (routesPerNode.getOrDefault(node, 0) != 1) {
						violation("node " + node + " has " + routesPerNode.getOrDefault(node, 0) + " NODE routes via " + r.name);
					}
				}
			}
			say(String.format("API check via %s: %d pods listed (%d acknowledged live: %d missing, %d wrong ip; "
					+ "%d acknowledged-absent present; %d unexplained), %d nodes (%d pod counts off), %d NODE routes, "
					+ "%d pods outside their node's subnet", r.name, pods.size(), expected.live.size(), missing, wrongIp,
					resurrected, phantoms, nodesSeen, countMismatch, nodeRoutes, outside));
		}
	}

	/** The replica's pods, a page at a time; "ns/name" -> the pod. */
	static Map<String, Json> listPods(Replica r) {
		Map<String, Json> pods = new HashMap<>();
		String next = null;
		for (int page = 0; page < 1_000; page++) {
			String path = API + cluster + "/pods?limit=2000"
					+ (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
			Answer a = callOne(r, path);
			if (a.status() != 200) {
				violation("listing pods via " + r.name + " answered " + a.status() + " " + a.body());
				break;
			}
			Json list = Json.parse(a.body());
			for (Json p : list.get("items").list()) {
				if (pods.put(p.str("namespace") + "/" + p.str("name"), p) != null) {
					violation("pod " + p.str("namespace") + "/" + p.str("name") + " listed twice via " + r.name);
				}
			}
			Json meta = list.get("metadata");
			next = meta == null ? null : meta.str("continue");
			if (next == null) {
				break;
			}
		}
		return pods;
	}
}

package io.podnet.support.chaos;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A cluster's nodes and pods as the service serves them, read page by page after a crash or an outage. */
public record StoredState(Map<String, Ledger.Node> nodes, Map<String, Ledger.Pod> pods) {

	public static StoredState read(Api api, String cluster) {
		Map<String, Ledger.Node> nodes = new HashMap<>();
		for (JsonNode node : all(api, "/api/v1/clusters/" + cluster + "/nodes")) {
			nodes.put(node.path("name").asString(), new Ledger.Node(node.path("name").asString(),
					node.path("address").asString(), node.path("podSubnet").asString()));
		}
		Map<String, Ledger.Pod> pods = new HashMap<>();
		for (JsonNode pod : all(api, "/api/v1/clusters/" + cluster + "/pods")) {
			String name = pod.path("namespace").asString() + "/" + pod.path("name").asString();
			pods.put(name, new Ledger.Pod(name, pod.path("ip").asString(), pod.path("nodeName").asString()));
		}
		return new StoredState(nodes, pods);
	}

	private static List<JsonNode> all(Api api, String path) {
		List<JsonNode> items = new ArrayList<>();
		String next = null;
		do {
			String page = path + "?limit=1000" + (next == null ? "" : "&continue="
					+ URLEncoder.encode(next, StandardCharsets.UTF_8));
			Reply reply = api.get(page);
			if (reply.status() != 200) {
				throw new IllegalStateException("GET " + page + " answered " + reply);
			}
			reply.json().path("items").forEach(items::add);
			JsonNode token = reply.json().path("metadata").path("continue");
			next = token.isMissingNode() || token.isNull() ? null : token.asString();
		} while (next != null);
		return items;
	}

	/**
	 * Every way the stored state breaks what the ledger promised: an acknowledged node or pod
	 * missing or with another address, an acknowledged delete undone, a resource nobody was told of
	 * and nobody was unsure of, an address or subnet held twice.
	 */
	public List<String> violationsOf(Ledger ledger) {
		List<String> violations = new ArrayList<>();
		ledger.nodes().forEach((name, acked) -> {
			Ledger.Node stored = nodes.get(name);
			if (!acked.equals(stored)) {
				violations.add("acknowledged node " + acked + " is stored as " + stored);
			}
		});
		ledger.livePods().forEach((name, acked) -> {
			Ledger.Pod stored = pods.get(name);
			if (!acked.equals(stored)) {
				violations.add("acknowledged pod " + acked + " is stored as " + stored);
			}
		});
		ledger.deletedPods().forEach((name, deleted) -> {
			if (pods.containsKey(name)) {
				violations.add("pod " + name + " was deleted (204) but is stored as " + pods.get(name));
			}
		});
		nodes.keySet().stream().filter(n -> !ledger.nodes().containsKey(n) && !ledger.isUnsure(n))
				.forEach(n -> violations.add("node " + n + " is stored but no create of it was answered or lost"));
		pods.keySet().stream().filter(p -> !ledger.livePods().containsKey(p) && !ledger.deletedPods().containsKey(p)
				&& !ledger.isUnsure(p))
				.forEach(p -> violations.add("pod " + p + " is stored but no create of it was answered or lost"));
		duplicates(nodes.values().stream().map(Ledger.Node::address).toList(), "node address", violations);
		duplicates(nodes.values().stream().map(Ledger.Node::podSubnet).toList(), "node pod subnet", violations);
		duplicates(pods.values().stream().map(Ledger.Pod::ip).toList(), "pod IP", violations);
		return violations;
	}

	/** Acknowledged resources (nodes and live pods) that are not stored as answered. */
	public long lost(Ledger ledger) {
		long nodesLost = ledger.nodes().entrySet().stream().filter(e -> !e.getValue().equals(nodes.get(e.getKey())))
				.count();
		long podsLost = ledger.livePods().entrySet().stream().filter(e -> !e.getValue().equals(pods.get(e.getKey())))
				.count();
		return nodesLost + podsLost;
	}

	public int size() {
		return nodes.size() + pods.size();
	}

	private static void duplicates(List<String> values, String what, List<String> violations) {
		Set<String> seen = new HashSet<>();
		values.stream().filter(v -> !seen.add(v)).forEach(v -> violations.add(what + " " + v + " is held twice"));
	}
}

package io.podnet.database.backup;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Every GET answer podnet gives about one cluster, byte for byte, by request path: the lists page
 * by page, the cluster, its gateway routes, every node with its routes, every pod. What a restore
 * must reproduce exactly, and what the consistency checks read.
 */
record ServedState(Map<String, Answer> answers, JsonNode cluster, Map<String, JsonNode> nodes,
		Map<String, JsonNode> pods) {

	/** What an answer is about: a list page, or one resource whose writes a test can tell apart. */
	enum Kind {
		LIST, CLUSTER, GATEWAY_ROUTES, NODE, NODE_ROUTES, POD
	}

	/** One answer: what it is about ({@code name}: the node, or the pod as namespace/name), and its body. */
	record Answer(Kind kind, String name, String body) {
	}

	/** Small pages, so that several pages and their continue tokens are compared too. */
	private static final int PAGE = 100;

	static ServedState read(Api api, String cluster) {
		Map<String, Answer> answers = new TreeMap<>();
		String base = "/api/v1/clusters/" + cluster;
		pages(api, "/api/v1/clusters", answers);
		JsonNode clusterView = get(api, base, Kind.CLUSTER, null, answers);
		get(api, base + "/routes", Kind.GATEWAY_ROUTES, null, answers);
		Map<String, JsonNode> nodes = new LinkedHashMap<>();
		for (JsonNode listed : pages(api, base + "/nodes", answers)) {
			String name = listed.path("name").asString();
			nodes.put(name, get(api, base + "/nodes/" + name, Kind.NODE, name, answers));
			get(api, base + "/nodes/" + name + "/routes", Kind.NODE_ROUTES, name, answers);
		}
		Map<String, JsonNode> pods = new LinkedHashMap<>();
		for (JsonNode listed : pages(api, base + "/pods", answers)) {
			String name = listed.path("namespace").asString() + "/" + listed.path("name").asString();
			String path = base + "/namespaces/" + listed.path("namespace").asString() + "/pods/"
					+ listed.path("name").asString();
			pods.put(name, get(api, path, Kind.POD, name, answers));
		}
		return new ServedState(answers, clusterView, nodes, pods);
	}

	/** The paths whose answers differ from (or are missing in) the other state's, at most {@code max} of them. */
	List<String> differencesFrom(ServedState other, int max) {
		List<String> differences = new ArrayList<>();
		for (String path : union(other)) {
			Answer mine = answers.get(path);
			Answer theirs = other.answers.get(path);
			if (mine == null || theirs == null || !mine.body().equals(theirs.body())) {
				if (differences.size() < max) {
					differences.add(path + "\n  here:  " + (mine == null ? "(none)" : mine.body()) + "\n  there: "
							+ (theirs == null ? "(none)" : theirs.body()));
				}
			}
		}
		return differences;
	}

	/** Every path answered in either state. */
	List<String> union(ServedState other) {
		TreeMap<String, Boolean> paths = new TreeMap<>();
		answers.keySet().forEach(p -> paths.put(p, true));
		other.answers.keySet().forEach(p -> paths.put(p, true));
		return List.copyOf(paths.keySet());
	}

	private static JsonNode get(Api api, String path, Kind kind, String name, Map<String, Answer> answers) {
		Reply reply = api.get(path);
		if (reply.status() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + reply);
		}
		answers.put(path, new Answer(kind, name, reply.body()));
		return reply.json();
	}

	private static List<JsonNode> pages(Api api, String path, Map<String, Answer> answers) {
		List<JsonNode> items = new ArrayList<>();
		String next = null;
		do {
			String page = path + "?limit=" + PAGE + (next == null ? "" : "&continue="
					+ URLEncoder.encode(next, StandardCharsets.UTF_8));
			JsonNode list = get(api, page, Kind.LIST, null, answers);
			list.path("items").forEach(items::add);
			JsonNode token = list.path("metadata").path("continue");
			next = token.isMissingNode() || token.isNull() ? null : token.asString();
		} while (next != null);
		return items;
	}
}

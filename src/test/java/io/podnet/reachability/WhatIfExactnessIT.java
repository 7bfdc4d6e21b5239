package io.podnet.reachability;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.SeededCases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What-if equals "apply, trace everything, roll back": on random clusters (IPv4 or IPv6; nodes, pods
 * with random ports, user routes of every type including blackholes, external routes, static routes
 * via a node, which loop, or via an address nobody holds) and random changes, the what-if's answer is
 * compared with the same changes really made through the API: its totals with the reachability
 * answer after them, and its changed classes with tracing every pod pair, and a sample of other
 * addresses, one by one with /paths before and after. The seed is printed; -Dpodnet.test.seed=N
 * repeats a run.
 */
class WhatIfExactnessIT extends IntegrationTest {

	private static final int CASES = 12;

	/** A pod as created: its node, its address, and whether it listens on 8080/TCP. */
	private record Pod(String name, String node, String ip, boolean listens) {
	}

	/** One random case: a cluster to build, and changes with the API calls that make them for real. */
	private record Case(String cluster, boolean v6, List<String> nodes, Map<String, List<Boolean>> pods,
			List<String> routes, Integer port, SplittableRandom random) {

		@Override
		public String toString() {
			return cluster + (v6 ? " (IPv6)" : " (IPv4)") + ", nodes " + nodes + ", pods " + pods + ", routes " + routes
					+ ", port " + port;
		}
	}

	private int made;

	@Test
	void whatIfEqualsMakingTheChangesAndTracingEverything() {
		SeededCases.check("what-if against the changes made", CASES, this::generate, this::check);
	}

	private Case generate(SplittableRandom random) {
		boolean v6 = random.nextInt(3) == 0;
		List<String> nodes = new ArrayList<>();
		Map<String, List<Boolean>> pods = new LinkedHashMap<>();
		int nodeCount = 1 + random.nextInt(4);
		for (int n = 1; n <= nodeCount; n++) {
			String node = "n" + n;
			nodes.add(node);
			List<Boolean> listening = new ArrayList<>();
			for (int p = random.nextInt(4); p > 0; p--) {
				listening.add(random.nextInt(3) > 0);
			}
			pods.put(node, listening);
		}
		List<String> routes = new ArrayList<>();
		for (int r = random.nextInt(5); r > 0; r--) {
			routes.add(randomRoute(random, v6, nodeCount));
		}
		return new Case("c" + (made++), v6, nodes, pods, routes, random.nextBoolean() ? 8080 : null, random);
	}

	/** A user route body: blackhole, external, static via a node, or via an address nobody holds. */
	private static String randomRoute(SplittableRandom random, boolean v6, int nodes) {
		String[] destinations = v6
				? new String[] { "::/0", "fd00:244::/118", "fd00:244::/120", "fd00:244:0:0:0:0:0:3f0/124", "2001:db8::/32" }
				: new String[] { "0.0.0.0/0", "10.244.0.0/22", "10.244.0.0/24", "10.244.3.240/28", "192.168.0.0/16",
						"10.0.0.0/8" };
		String destination = destinations[random.nextInt(destinations.length)];
		return switch (random.nextInt(4)) {
			case 0 -> "{'destination':'" + destination + "','type':'BLACKHOLE'}";
			case 1 -> "{'destination':'" + destination + "','type':'EXTERNAL'}";
			// node addresses are handed out from the second address up
			case 2 -> "{'destination':'" + destination + "','nextHop':'" + (v6 ? "fd00:100::" : "10.100.0.")
					+ (2 + random.nextInt(nodes)) + "'}";
			default -> "{'destination':'" + destination + "','nextHop':'" + (v6 ? "fd00:100::1d" : "10.100.0.29") + "'}";
		};
	}

	private void check(Case c) {
		String base = "/api/v1/clusters/" + c.cluster();
		Reply cluster = api.post("/api/v1/clusters", json("{'name':'" + c.cluster() + "','nodeNetwork':'"
				+ (c.v6() ? "fd00:100::/123" : "10.100.0.0/27") + "','podNetwork':'"
				+ (c.v6() ? "fd00:244::/118" : "10.244.0.0/22") + "','nodeSubnetPrefixLength':" + (c.v6() ? 124 : 28)
				+ "}"));
		assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
		Map<String, Pod> pods = new LinkedHashMap<>();
		for (String node : c.nodes()) {
			assertThat(api.post(base + "/nodes", json("{'name':'" + node + "'}")).status()).isEqualTo(201);
			List<Boolean> listening = c.pods().get(node);
			for (int p = 0; p < listening.size(); p++) {
				String name = node + "-p" + p;
				String ports = listening.get(p) ? "[{'containerPort':8080}]" : "[{'containerPort':53,'protocol':'UDP'}]";
				Reply pod = api.post(base + "/namespaces/default/pods", json("{'name':'" + name + "','nodeName':'" + node
						+ "','containers':[{'name':'c','image':'img','ports':" + ports + "}]}"));
				assertThat(pod.status()).as(pod.toString()).isEqualTo(201);
				pods.put(name, new Pod(name, node, pod.text("ip"), listening.get(p)));
			}
		}
		for (String route : c.routes()) {
			// one the API refuses (it would take over a node's subnet, say) is simply not there
			api.post(base + "/routes", json(route));
		}
		List<Change> changes = changes(c, pods);
		String query = c.port() == null ? "" : "?port=" + c.port();
		JsonNode before = ok(api.get(base + "/reachability" + query));
		Map<String, String> pairsBefore = tracePairs(base, pods, c.port());
		Map<String, String> addressesBefore = traceAddresses(base, pods, c.v6(), c.port());
		String body = "{" + (c.port() == null ? "" : "'port':" + c.port() + ",") + "'changes':["
				+ String.join(",", changes.stream().map(Change::whatIf).toList()) + "]}";
		Reply whatIf = api.post(base + "/what-if", json(body));
		if (whatIf.status() != 200) {
			// a change the API refuses: the what-if must refuse it as making it does, then nothing is compared
			assertThat(whatIf.status()).as(whatIf.toString()).isIn(404, 409, 422);
			return;
		}
		JsonNode answer = whatIf.json();
		assertThat(answer.path("before").path("pairs").toString()).as(body).isEqualTo(before.path("pairs").toString());
		// every changed class's before side ends as tracing its example did before
		for (JsonNode changed : answer.path("changed")) {
			JsonNode side = changed.path("before");
			if (side.isObject()) {
				assertThat(trace(base, side.path("from").asString(), side.path("to").asString(), c.port()))
						.as("before " + changed).isEqualTo(side.path("disposition").asString());
			}
		}

		for (Change change : changes) {
			Reply made = change.make(api, base);
			assertThat(made.status()).as("made for real: " + change + " " + made).isLessThan(300);
			if (change.deletedPod() != null) {
				pods.remove(change.deletedPod());
			}
		}
		JsonNode after = ok(api.get(base + "/reachability" + query));
		assertThat(answer.path("after").path("pairs").toString()).as(body).isEqualTo(after.path("pairs").toString());
		assertThat(answer.path("after").path("allReachable").asBoolean()).isEqualTo(after.path("allReachable").asBoolean());
		for (JsonNode changed : answer.path("changed")) {
			JsonNode side = changed.path("after");
			if (side.isObject()) {
				assertThat(trace(base, side.path("from").asString(), side.path("to").asString(), c.port()))
						.as("after " + changed).isEqualTo(side.path("disposition").asString());
			}
		}
		// every pod pair that ends otherwise now is in a changed class, as (scope, node, before -> after)
		Map<String, String> pairsAfter = tracePairs(base, pods, c.port());
		List<String> changedClasses = new ArrayList<>();
		for (JsonNode changed : answer.path("changed")) {
			changedClasses.add(changed.path("sources").asString() + " " + changed.path("destinations").asString() + " "
					+ changed.path("node").asString("") + " " + changed.path("before").path("disposition").asString("-")
					+ " -> " + changed.path("after").path("disposition").asString("-"));
		}
		pairsAfter.forEach((pair, now) -> {
			String was = pairsBefore.get(pair);
			if (was != null && !was.equals(now)) {
				String[] ends = pair.split(" ");
				Pod source = pods.get(ends[0]);
				Pod destination = pods.get(ends[1]);
				String scope = source == destination ? "SAME_POD"
						: source.node().equals(destination.node()) ? "SAME_NODE" : "OTHER_NODES";
				assertThat(changedClasses).as(pair + " went " + was + " -> " + now + "; " + body)
						.contains(scope + " POD " + destination.node() + " " + was + " -> " + now);
			}
		});
		// and so does every sampled address that ends otherwise now
		traceAddresses(base, pods, c.v6(), c.port()).forEach((flow, now) -> {
			String was = addressesBefore.get(flow);
			if (was != null && !was.equals(now)) {
				assertThat(changedClasses).as(flow + " went " + was + " -> " + now + "; " + body)
						.anyMatch(line -> !line.contains(" POD ") && line.endsWith(" -> " + now));
			}
		});
	}

	/** A change as the what-if takes it, and as the API makes it. */
	private record Change(String whatIf, String method, String path, String body, String deletedPod) {

		Reply make(io.podnet.support.Api api, String base) {
			return method.equals("POST") ? api.post(base + path, json(body)) : api.delete(base + path);
		}

		@Override
		public String toString() {
			return whatIf;
		}
	}

	private List<Change> changes(Case c, Map<String, Pod> pods) {
		SplittableRandom random = c.random();
		List<Change> changes = new ArrayList<>();
		Map<String, Integer> podsOn = new HashMap<>();
		pods.values().forEach(pod -> podsOn.merge(pod.node(), 1, Integer::sum));
		List<String> livePods = new ArrayList<>(pods.keySet());
		List<String> liveNodes = new ArrayList<>(c.nodes());
		List<String> routes = api.get("/api/v1/clusters/" + c.cluster() + "/routes").json().findValues("destination")
				.stream().map(JsonNode::asString).toList();
		List<String> userRoutes = new ArrayList<>();
		for (JsonNode route : api.get("/api/v1/clusters/" + c.cluster() + "/routes").json()) {
			String type = route.path("type").asString();
			if (type.equals("STATIC") || type.equals("BLACKHOLE") || type.equals("EXTERNAL")) {
				userRoutes.add(route.path("destination").asString());
			}
		}
		assertThat(routes).isNotEmpty();
		for (int i = 1 + random.nextInt(3); i > 0; i--) {
			switch (random.nextInt(5)) {
				case 0 -> {
					String route = randomRoute(random, c.v6(), liveNodes.size());
					changes.add(new Change("{'action':'add','route':" + route + "}", "POST", "/routes", route, null));
				}
				case 1 -> {
					if (!userRoutes.isEmpty()) {
						String destination = userRoutes.remove(random.nextInt(userRoutes.size()));
						changes.add(new Change("{'action':'delete','route':'" + destination + "'}", "DELETE", "/routes/"
								+ destination.replace("/", "%2F"), null, null));
					}
				}
				case 2 -> {
					String node = "m" + random.nextInt(1000);
					changes.add(new Change("{'action':'add','node':{'name':'" + node + "'}}", "POST", "/nodes",
							"{'name':'" + node + "'}", null));
				}
				case 3 -> {
					if (!livePods.isEmpty()) {
						String pod = livePods.remove(random.nextInt(livePods.size()));
						podsOn.merge(pods.get(pod).node(), -1, Integer::sum);
						changes.add(new Change("{'action':'delete','pod':'default/" + pod + "'}", "DELETE",
								"/namespaces/default/pods/" + pod, null, pod));
					}
				}
				default -> {
					List<String> empty = liveNodes.stream().filter(node -> podsOn.getOrDefault(node, 0) == 0).toList();
					if (!empty.isEmpty()) {
						String node = empty.get(random.nextInt(empty.size()));
						liveNodes.remove(node);
						changes.add(new Change("{'action':'delete','node':'" + node + "'}", "DELETE", "/nodes/" + node, null,
								null));
					}
				}
			}
		}
		return changes;
	}

	/** Every ordered pair of pods, "source destination", by disposition. */
	private Map<String, String> tracePairs(String base, Map<String, Pod> pods, Integer port) {
		Map<String, String> dispositions = new LinkedHashMap<>();
		for (Pod source : pods.values()) {
			for (Pod destination : pods.values()) {
				dispositions.put(source.name() + " " + destination.name(),
						trace(base, "default/" + source.name(), destination.ip(), port));
			}
		}
		return dispositions;
	}

	/** From the first pod (if any): the gateway, a free node address, addresses of each prefix the routes use. */
	private Map<String, String> traceAddresses(String base, Map<String, Pod> pods, boolean v6, Integer port) {
		Map<String, String> dispositions = new LinkedHashMap<>();
		if (pods.isEmpty()) {
			return dispositions;
		}
		String source = "default/" + pods.keySet().iterator().next();
		List<String> addresses = v6
				? List.of("fd00:100::1", "fd00:100::1c", "fd00:244::3f5", "fd00:244::f1", "fd00:244::2f1", "2001:db8::9",
						"fd00:9::1")
				: List.of("10.100.0.1", "10.100.0.28", "10.244.3.245", "10.244.0.241", "10.244.2.241", "192.168.7.7",
						"10.9.9.9", "8.8.8.8");
		for (String address : addresses) {
			dispositions.put(source + " " + address, trace(base, source, address, port));
		}
		return dispositions;
	}

	private String trace(String base, String from, String to, Integer port) {
		Reply trace = api.get(base + "/paths?from=" + from + "&to=" + to + (port == null ? "" : "&port=" + port));
		assertThat(trace.status()).as(from + " -> " + to + ": " + trace).isEqualTo(200);
		return trace.text("disposition");
	}

	private static JsonNode ok(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}
}

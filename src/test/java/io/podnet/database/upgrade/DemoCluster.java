package io.podnet.database.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture's data, made through the API by the code of the day: the README's cluster (demo,
 * 10.100.0.0/24, 10.244.0.0/16) with node-3 deleted, so that the node allocator's cursor is past a
 * freed address and subnet; pods on node-1 and node-2 with one deleted on each, so that their
 * cursors are past freed IPs; a pod placed by podnet; the three kinds of user route, and one
 * added and deleted. Then what to read back, and the creates whose answers show the cursors.
 */
final class DemoCluster {

	static final String BASE = "/api/v1/clusters/demo";

	private DemoCluster() {
	}

	/** One create: its path and JSON body. */
	record Create(String path, String body) {
	}

	static void build(Api api) {
		created(api.post("/api/v1/clusters",
				"{\"name\":\"demo\",\"nodeNetwork\":\"10.100.0.0/24\",\"podNetwork\":\"10.244.0.0/16\"}"));
		for (String node : List.of("node-1", "node-2", "node-3", "node-4")) {
			created(api.post(BASE + "/nodes", "{\"name\":\"" + node + "\"}"));
		}
		deleted(api.delete(BASE + "/nodes/node-3"));
		pod(api, "default", "{\"name\":\"web\",\"nodeName\":\"node-1\",\"containers\":["
				+ "{\"name\":\"nginx\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]},"
				+ "{\"name\":\"scrapyd\",\"image\":\"scrapy/scrapyd\",\"ports\":[{\"containerPort\":6800}]}]}");
		pod(api, "default", "{\"name\":\"db\",\"nodeName\":\"node-2\",\"containers\":["
				+ "{\"name\":\"postgres\",\"image\":\"postgres:17\",\"ports\":[{\"containerPort\":5432}]}]}");
		pod(api, "default", "{\"name\":\"api\",\"nodeName\":\"node-1\",\"containers\":["
				+ "{\"name\":\"app\",\"image\":\"python:3.13\",\"ports\":[{\"containerPort\":8000,\"protocol\":\"TCP\"}]}]}");
		pod(api, "default", "{\"name\":\"cache\",\"nodeName\":\"node-1\",\"containers\":["
				+ "{\"name\":\"redis\",\"image\":\"redis:7\",\"ports\":[{\"containerPort\":6379}]}]}");
		pod(api, "default", "{\"name\":\"scratch\",\"nodeName\":\"node-2\",\"containers\":["
				+ "{\"name\":\"shell\",\"image\":\"busybox\"}]}");
		pod(api, "kube-system", "{\"name\":\"coredns\",\"nodeName\":\"node-2\",\"containers\":["
				+ "{\"name\":\"coredns\",\"image\":\"registry.k8s.io/coredns/coredns:v1.11.3\",\"ports\":["
				+ "{\"containerPort\":53,\"protocol\":\"UDP\"},{\"containerPort\":53,\"protocol\":\"TCP\"}]}]}");
		pod(api, "monitoring", "{\"name\":\"prometheus\",\"nodeName\":\"node-4\",\"containers\":["
				+ "{\"name\":\"prometheus\",\"image\":\"prom/prometheus:v3.0.0\",\"ports\":[{\"containerPort\":9090}]}]}");
		deleted(api.delete(BASE + "/namespaces/default/pods/cache"));
		deleted(api.delete(BASE + "/namespaces/default/pods/scratch"));
		// placed by podnet: on node-4, the node with the most free pod slots
		pod(api, "default", "{\"name\":\"batch\",\"containers\":[{\"name\":\"job\",\"image\":\"busybox\"}]}");
		created(api.post(BASE + "/routes", "{\"destination\":\"0.0.0.0/0\",\"type\":\"EXTERNAL\"}"));
		created(api.post(BASE + "/routes", "{\"destination\":\"10.244.200.0/24\",\"type\":\"BLACKHOLE\"}"));
		created(api.post(BASE + "/routes", "{\"destination\":\"192.168.0.0/16\",\"nextHop\":\"10.100.0.3\"}"));
		created(api.post(BASE + "/routes", "{\"destination\":\"172.16.0.0/12\",\"type\":\"BLACKHOLE\"}"));
		deleted(api.delete(BASE + "/routes/172.16.0.0%2F12"));
	}

	/** Every GET whose answer is recorded: the lists, every resource and route table, and the path from web to db. */
	static List<String> reads(Api api) {
		List<String> paths = new ArrayList<>(List.of("/api/v1/clusters", BASE, BASE + "/routes", BASE + "/nodes",
				BASE + "/pods", BASE + "/namespaces/default/pods"));
		for (var node : api.get(BASE + "/nodes").json().path("items")) {
			paths.add(BASE + "/nodes/" + node.path("name").asString());
			paths.add(BASE + "/nodes/" + node.path("name").asString() + "/routes");
		}
		for (var pod : api.get(BASE + "/pods").json().path("items")) {
			String path = BASE + "/namespaces/" + pod.path("namespace").asString() + "/pods/" + pod.path("name").asString();
			paths.add(path);
			paths.add(path + "/routes");
		}
		paths.add(BASE + "/paths?from=default/web&to=default/db&port=5432");
		return paths;
	}

	/** The next node, then the next pod on every node and one placed by podnet: their addresses show the cursors. */
	static List<Create> nextAllocations() {
		List<Create> creates = new ArrayList<>();
		creates.add(new Create(BASE + "/nodes", "{\"name\":\"node-5\"}"));
		for (String node : List.of("node-1", "node-2", "node-4", "node-5")) {
			creates.add(new Create(BASE + "/namespaces/upgrade/pods", "{\"name\":\"next-on-" + node + "\",\"nodeName\":\""
					+ node + "\",\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}"));
		}
		creates.add(new Create(BASE + "/namespaces/upgrade/pods",
				"{\"name\":\"next-placed\",\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}"));
		return creates;
	}

	private static void pod(Api api, String namespace, String body) {
		created(api.post(BASE + "/namespaces/" + namespace + "/pods", body));
	}

	private static void created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
	}

	private static void deleted(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
	}
}

package io.podnet.database.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.chaos.Ledger;

/**
 * The state a backup test starts from, before its write load: a cluster whose node allocator has
 * moved past a freed address and subnet (node-3, deleted) and whose node-1 has moved past a freed
 * pod IP, with pods and the three kinds of user route. Every write is recorded in the ledger.
 */
final class Seed {

	private Seed() {
	}

	static void cluster(Api api, String cluster, Ledger ledger) {
		created(api.post("/api/v1/clusters", "{\"name\":\"" + cluster + "\",\"nodeNetwork\":\"10.100.0.0/22\","
				+ "\"podNetwork\":\"10.244.0.0/16\"}"));
		String base = "/api/v1/clusters/" + cluster;
		for (String node : new String[] { "node-1", "node-2", "node-3", "node-4" }) {
			Reply reply = created(api.post(base + "/nodes", "{\"name\":\"" + node + "\"}"));
			if (!node.equals("node-3")) {
				ledger.nodeCreated(new Ledger.Node(node, reply.text("address"), reply.text("podSubnet")));
			}
		}
		assertThat(api.delete(base + "/nodes/node-3").status()).isEqualTo(204);
		pod(api, base, ledger, "web", "node-1");
		pod(api, base, ledger, "scratch", "node-1");
		pod(api, base, ledger, "db", "node-2");
		assertThat(api.delete(base + "/namespaces/default/pods/scratch").status()).isEqualTo(204);
		ledger.podDeleted("default/scratch");
		created(api.post(base + "/routes", "{\"destination\":\"10.9.0.0/16\",\"type\":\"BLACKHOLE\"}"));
		created(api.post(base + "/routes", "{\"destination\":\"0.0.0.0/0\",\"type\":\"EXTERNAL\"}"));
		String node2 = ledger.nodes().get("node-2").address();
		created(api.post(base + "/routes", "{\"destination\":\"192.168.0.0/16\",\"nextHop\":\"" + node2 + "\"}"));
	}

	private static void pod(Api api, String base, Ledger ledger, String name, String node) {
		Reply reply = created(api.post(base + "/namespaces/default/pods", "{\"name\":\"" + name + "\",\"nodeName\":\""
				+ node + "\",\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}"));
		ledger.podCreated(new Ledger.Pod("default/" + name, reply.text("ip"), node));
	}

	private static Reply created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		return reply;
	}
}

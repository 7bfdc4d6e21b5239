package io.podnet.database.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The allocators' cursors survive a backup and restore: the same creates, sent to the original and
 * to the copy, get the same answers (addresses, subnets, host interfaces, versions; only createdAt
 * differs). A new node, then a pod on every node, then a pod placed by podnet.
 */
final class NextAllocations {

	private static final String NAMESPACE = "after-restore";

	private NextAllocations() {
	}

	/** Sends the creates to both; returns how many were compared. */
	static int compare(Api original, Api copy, String cluster, Collection<String> nodes) {
		String base = "/api/v1/clusters/" + cluster;
		List<String[]> creates = new ArrayList<>();
		creates.add(new String[] { base + "/nodes", "{\"name\":\"after-restore\"}" });
		TreeSet<String> allNodes = new TreeSet<>(nodes);
		allNodes.add("after-restore");
		for (String node : allNodes) {
			creates.add(new String[] { base + "/namespaces/" + NAMESPACE + "/pods", "{\"name\":\"" + node
					+ "\",\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}" });
		}
		creates.add(new String[] { base + "/namespaces/" + NAMESPACE + "/pods",
				"{\"name\":\"placed\",\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}" });
		for (String[] create : creates) {
			Reply there = original.post(create[0], create[1]);
			Reply here = copy.post(create[0], create[1]);
			assertThat(there.status()).as("POST %s %s on the original: %s", create[0], create[1], there).isIn(201, 409);
			assertThat(withoutCreatedAt(here)).as("POST %s %s on the copy", create[0], create[1])
					.isEqualTo(withoutCreatedAt(there));
		}
		return creates.size();
	}

	private static String withoutCreatedAt(Reply reply) {
		JsonNode body = reply.json();
		if (body instanceof ObjectNode object) {
			object.remove("createdAt");
		}
		return reply.status() + " " + body;
	}
}

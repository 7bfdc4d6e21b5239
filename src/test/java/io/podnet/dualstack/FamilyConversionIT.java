package io.podnet.dualstack;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Converting a single-stack cluster to dual-stack and back, as Kubernetes allows: one request gives
 * every node and pod the new family (all or nothing) and another takes it away, while pods are
 * being created.
 */
class FamilyConversionIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";
	private static final String IPV6 = "{'podNetwork':'fd00:10:244::/56','nodeNetwork':'fd00:10:100::/64'}";

	@Test
	void addingAFamilyGivesEveryNodeAndPodAnAddressOfItAndRemovingItTakesThemAway() {
		singleStack();
		for (int i = 1; i <= 3; i++) {
			created(api.post(DEMO + "/nodes", json("{'name':'node-" + i + "'}")));
		}
		for (int i = 1; i <= 5; i++) {
			created(pod("p" + i, "node-" + (i % 2 + 1)));
		}

		Reply dual = api.post(DEMO + "/families", json(IPV6));

		assertThat(dual.status()).as(dual.toString()).isEqualTo(200);
		assertThat(texts(dual.json().path("ipFamilies"))).containsExactly("IPv4", "IPv6");
		assertThat(dual.header("ETag")).isEqualTo("\"" + dual.text("resourceVersion") + "\"");
		assertThat(texts(api.get(DEMO + "/nodes/node-1").json().path("podSubnets")))
				.containsExactly("10.244.0.0/24", "fd00:10:244::/64");
		assertThat(texts(api.get(DEMO + "/nodes/node-3").json().path("addresses")))
				.containsExactly("10.100.0.4", "fd00:10:100::4");
		// node-2's pods p1, p3, p5 in the order of their first addresses
		assertThat(texts(api.get(DEMO + "/namespaces/default/pods/p1").json().path("ips")))
				.containsExactly("10.244.1.2", "fd00:10:244:1::2");
		assertThat(texts(api.get(DEMO + "/namespaces/default/pods/p5").json().path("ips")))
				.containsExactly("10.244.1.4", "fd00:10:244:1::4");
		assertThat(api.get(DEMO + "/routes").body()).contains("fd00:10:244:2::/64", "fd00:10:100::4");
		// the allocators continue after the conversion's last subnet, address and pod IP
		Reply node4 = created(api.post(DEMO + "/nodes", json("{'name':'node-4'}")));
		assertThat(texts(node4.json().path("podSubnets"))).containsExactly("10.244.3.0/24", "fd00:10:244:3::/64");
		assertThat(texts(created(pod("p6", "node-2")).json().path("ips"))).containsExactly("10.244.1.5", "fd00:10:244:1::5");
		Reply path = api.get(DEMO + "/paths?from=default/p1&to=default/p2&family=IPv6");
		assertThat(path.text("disposition")).as(path.toString()).isEqualTo("ACCEPTED");

		Reply single = api.delete(DEMO + "/families/IPv6");

		assertThat(single.status()).as(single.toString()).isEqualTo(200);
		assertThat(texts(single.json().path("ipFamilies"))).containsExactly("IPv4");
		assertThat(texts(api.get(DEMO + "/namespaces/default/pods/p1").json().path("ips"))).containsExactly("10.244.1.2");
		assertThat(texts(api.get(DEMO + "/nodes/node-1").json().path("podSubnets"))).containsExactly("10.244.0.0/24");
		assertThat(api.get(DEMO + "/routes").body()).doesNotContain("fd00");
		assertThat(texts(created(pod("p7", "node-1")).json().path("ips"))).hasSize(1);
		assertThat(api.get(DEMO + "/paths?from=default/p1&to=default/p2&family=IPv6").status()).isEqualTo(422);
	}

	@Test
	void aFamilyThatCannotHoldWhatExistsIsRefusedAndNothingChanges() {
		singleStack();
		for (int i = 1; i <= 3; i++) {
			created(api.post(DEMO + "/nodes", json("{'name':'node-" + i + "'}")));
		}
		for (int i = 1; i <= 3; i++) {
			created(pod("p" + i, "node-1"));
		}
		JsonNode before = api.get(DEMO).json();

		Reply sameFamily = api.post(DEMO + "/families", json("{'podNetwork':'10.245.0.0/16','nodeNetwork':'10.101.0.0/24'}"));
		Reply fewSubnets = api.post(DEMO + "/families", json("{'podNetwork':'fd00:10:244::/63','nodeNetwork':'fd00:10:100::/64'}"));
		Reply fewAddresses = api.post(DEMO + "/families", json("{'podNetwork':'fd00:10:244::/56','nodeNetwork':'fd00:10:100::/126',"
				+ "'gateway':'fd00:10:100::1'}"));
		Reply fewPodAddresses = api.post(DEMO + "/families", json("{'podNetwork':'fd00:10:244::/56','nodeNetwork':'fd00:10:100::/64',"
				+ "'nodeSubnetPrefixLength':126}"));

		assertProblem(sameFamily, 422, "podNetwork", "the cluster's own family");
		assertProblem(fewSubnets, 422, "podNetwork", "holds 2 /64 node subnets but cluster 'demo' has 3 nodes");
		assertProblem(fewAddresses, 422, "nodeNetwork", "has 3 nodes");
		assertProblem(fewPodAddresses, 422, "nodeSubnetPrefixLength", "node 'node-1' room for 2 pods");
		assertThat(api.get(DEMO).json()).isEqualTo(before);
		assertThat(texts(api.get(DEMO + "/namespaces/default/pods/p1").json().path("ips"))).hasSize(1);
		assertThat(api.get(DEMO + "/routes").body()).doesNotContain("fd00");

		assertThat(api.post(DEMO + "/families", json(IPV6)).status()).isEqualTo(200);
		assertProblem(api.post(DEMO + "/families", json(IPV6)), 409, null, "already dual-stack");
		assertProblem(api.delete(DEMO + "/families/IPv4"), 409, null, "primary family");
		assertThat(api.delete(DEMO + "/families/IPv5").status()).isEqualTo(404);
		created(api.post(DEMO + "/routes", json("{'destination':'2001:db8::/32','type':'BLACKHOLE'}")));
		assertProblem(api.delete(DEMO + "/families/IPv6"), 409, null, "2001:db8::/32");
		assertThat(texts(api.get(DEMO).json().path("ipFamilies"))).containsExactly("IPv4", "IPv6");
	}

	/**
	 * The conversion test: a loaded single-stack cluster converted and converted back while
	 * four clients create pods. Nothing acknowledged is lost, no address is handed out twice in
	 * either family, and no pod is left with one family in a dual-stack cluster (or two in a
	 * single-stack one).
	 */
	@Test
	void convertingBackAndForthUnderConcurrentPodCreatesLosesNothingAndLeavesNoPodHalfDone() throws Exception {
		singleStack();
		for (int i = 1; i <= 20; i++) {
			created(api.post(DEMO + "/nodes", json("{'name':'node-" + i + "'}")));
		}
		for (int i = 0; i < 100; i++) {
			created(pod("seed-" + i, null));
		}
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger sequence = new AtomicInteger();
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			futures.add(clients.submit(() -> {
				while (running.get()) {
					String name = "load-" + sequence.incrementAndGet();
					Reply reply = pod(name, null);
					assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
					acknowledged.add(name);
				}
				return null;
			}));
		}
		try {
			for (int round = 0; round < 2; round++) {
				Thread.sleep(300);
				Reply dual = api.post(DEMO + "/families", json(IPV6));
				assertThat(dual.status()).as(dual.toString()).isEqualTo(200);
				assertConsistent(2);
				Thread.sleep(300);
				Reply single = api.delete(DEMO + "/families/IPv6");
				assertThat(single.status()).as(single.toString()).isEqualTo(200);
				assertConsistent(1);
			}
			Thread.sleep(300);
			assertThat(api.post(DEMO + "/families", json(IPV6)).status()).isEqualTo(200);
		} finally {
			running.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		for (Future<?> future : futures) {
			future.get();
		}
		assertConsistent(2);
		List<String> stored = jdbc.queryForList("select name from pod where namespace = 'default' and name like 'load-%'",
				String.class);
		System.out.println("conversion under load: " + acknowledged.size() + " pods acknowledged during it, "
				+ stored.size() + " stored");
		assertThat(acknowledged).isNotEmpty();
		assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
	}

	/** Every pod has an address per family, in its node's subnets, none twice; the counts agree. */
	private void assertConsistent(int families) {
		Integer halfDone = jdbc.queryForObject(families == 2
				? "select count(*) from pod where secondary_ip is null"
				: "select count(*) from pod where secondary_ip is not null", Integer.class);
		assertThat(halfDone).as("pods with the wrong number of families").isZero();
		assertThat(jdbc.queryForObject("select count(*) - count(distinct secondary_ip_value) from pod"
				+ " where secondary_ip_value is not null", Integer.class)).as("duplicate second-family IPs").isZero();
		assertThat(jdbc.queryForObject("select count(*) - count(distinct ip_value) from pod", Integer.class)).isZero();
		if (families == 2) {
			assertThat(jdbc.queryForObject("select count(*) from node where secondary_pod_subnet is null", Integer.class))
					.isZero();
			// each pod's second address lies in its node's second subnet (a /64 here: the first four groups agree)
			List<String> misplaced = jdbc.queryForList("select p.name from pod p join node n on n.id = p.node_id"
					+ " where p.secondary_ip_value < n.secondary_pod_subnet_value"
					+ " or p.secondary_ip_value >= n.secondary_pod_subnet_value + 18446744073709551616", String.class);
			assertThat(misplaced).isEmpty();
			assertThat(jdbc.queryForObject("select count(*) from gateway_route where ip_family = 'IPv6'", Integer.class))
					.isEqualTo(20);
		}
	}

	private void singleStack() {
		created(api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
	}

	private Reply pod(String name, String node) {
		return api.post(DEMO + "/namespaces/default/pods", json("{'name':'" + name + "'"
				+ (node == null ? "" : ",'nodeName':'" + node + "'") + ",'containers':[{'name':'app','image':'nginx'}]}"));
	}

	private static Reply created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		return reply;
	}

	private static void assertProblem(Reply reply, int status, String field, String detail) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.isProblem()).isTrue();
		if (field != null) {
			assertThat(reply.json().path("field").asString()).isEqualTo(field);
		}
		assertThat(reply.text("detail")).contains(detail);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(value -> texts.add(value.asString()));
		return texts;
	}
}

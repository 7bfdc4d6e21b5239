package io.podnet.pod;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients filling nodes at once: no duplicate IP, none lost, the 111th gets 409, never 500. */
class ConcurrentPodCreationIT extends IntegrationTest {

	private static final int NODES = 3;
	private static final int PODS_PER_NODE = 110;
	private static final int EXTRA_PER_NODE = 5;
	private static final int THREADS = 16;

	@Test
	void concurrentClientsNeverGetADuplicateIpAndTheOverflowGets409() throws Exception {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		for (int n = 1; n <= NODES; n++) {
			api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-" + n + "'}"));
		}
		List<Callable<Reply>> requests = new ArrayList<>();
		for (int n = 1; n <= NODES; n++) {
			for (int i = 0; i < PODS_PER_NODE + EXTRA_PER_NODE; i++) {
				String body = json("{'name':'p-" + n + "-" + i + "','nodeName':'node-" + n
						+ "','containers':[{'name':'c','image':'i'}]}");
				requests.add(() -> api.post("/api/v1/clusters/demo/namespaces/default/pods", body));
			}
		}
		java.util.Collections.shuffle(requests, new java.util.Random(7));

		List<Reply> replies = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			for (Future<Reply> future : pool.invokeAll(requests)) {
				replies.add(future.get());
			}
		} finally {
			pool.shutdownNow();
		}

		List<Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
		List<Reply> refused = replies.stream().filter(r -> r.status() != 201).toList();
		assertThat(refused).allSatisfy(r -> {
			assertThat(r.status()).as(r.toString()).isEqualTo(409);
			assertThat(r.isProblem()).isTrue();
		});
		assertThat(created).hasSize(NODES * PODS_PER_NODE);
		assertThat(refused).hasSize(NODES * EXTRA_PER_NODE);

		Set<String> ips = new HashSet<>();
		created.forEach(r -> ips.add(r.text("ip")));
		assertThat(ips).as("distinct pod IPs").hasSize(created.size());

		// every acknowledged pod is there, with the IP it was given, and the counts agree
		Set<String> listed = new HashSet<>();
		api.get("/api/v1/clusters/demo/pods").json().path("items").forEach(p -> listed.add(p.path("ip").asString()));
		assertThat(listed).isEqualTo(ips);
		for (int n = 1; n <= NODES; n++) {
			assertThat(api.get("/api/v1/clusters/demo/nodes/node-" + n).json().path("pods").path("allocated").asInt())
					.isEqualTo(PODS_PER_NODE);
		}
	}

	@Test
	void concurrentPlacementAndDeletesNeverLoseARaceTheyDidNotRun() throws Exception {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		for (int n = 1; n <= 4; n++) {
			api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-" + n + "'}"));
		}
		String pods = "/api/v1/clusters/demo/namespaces/default/pods";
		List<Callable<Reply>> creates = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String body = json("{'name':'p-" + i + "','containers':[{'name':'c','image':'i'}]}");
			creates.add(() -> api.post(pods, body));
		}
		// placement reads the emptiest node, then locks it: a pod added there meanwhile must not turn into a 409
		assertThat(runAll(creates)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
		// concurrent placements may pick the same emptiest node, so the spread is even only roughly
		int total = 0;
		for (int n = 1; n <= 4; n++) {
			int allocated = api.get("/api/v1/clusters/demo/nodes/node-" + n).json().path("pods").path("allocated").asInt();
			assertThat(allocated).isBetween(25, 75);
			total += allocated;
		}
		assertThat(total).isEqualTo(200);

		List<Callable<Reply>> deletes = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String pod = pods + "/p-" + i;
			deletes.add(() -> api.delete(pod));
		}
		assertThat(runAll(deletes)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(204));
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("items")).isEmpty();
	}

	private static List<Reply> runAll(List<Callable<Reply>> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Reply> replies = new ArrayList<>();
			for (Future<Reply> future : pool.invokeAll(requests)) {
				replies.add(future.get());
			}
			return replies;
		} finally {
			pool.shutdownNow();
		}
	}
}

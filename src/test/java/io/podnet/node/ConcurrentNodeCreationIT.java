package io.podnet.node;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Parallel requests once gave NetBox duplicate IPs (#2519). Here many clients add nodes to one
 * cluster at once: every node gets its own address and subnet, every node its route, and a
 * loser of a race is told 409, never 500.
 */
class ConcurrentNodeCreationIT extends IntegrationTest {

	private static final String NODES = "/api/v1/clusters/demo/nodes";
	private static final int THREADS = 8;
	private static final int NODES_PER_THREAD = 6;

	@Test
	void concurrentCreatesGetDistinctAddressesAndSubnets() throws Exception {
		cluster();

		List<Reply> replies = inParallel(thread -> {
			List<Reply> mine = new ArrayList<>();
			for (int i = 0; i < NODES_PER_THREAD; i++) {
				mine.add(api.post(NODES, json("{'name':'node-" + thread + "-" + i + "'}")));
			}
			return mine;
		});

		assertThat(replies).hasSize(THREADS * NODES_PER_THREAD);
		// distinct names never clash: each request waits its turn on the cluster, none is refused
		assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
		assertConsistent(replies);
	}

	@Test
	void concurrentCreatesOfTheSameNamesGiveOneWinnerEach() throws Exception {
		cluster();

		List<Reply> replies = inParallel(thread -> {
			List<Reply> mine = new ArrayList<>();
			for (int i = 0; i < NODES_PER_THREAD; i++) {
				// every thread tries the same names, in a different order
				int n = (i + thread) % NODES_PER_THREAD;
				mine.add(api.post(NODES, json("{'name':'node-" + n + "'}")));
			}
			return mine;
		});

		assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isIn(201, 409));
		List<Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
		assertThat(created).extracting(reply -> reply.text("name")).as("one winner per name")
				.containsExactlyInAnyOrder("node-0", "node-1", "node-2", "node-3", "node-4", "node-5");
		replies.stream().filter(reply -> reply.status() == 409)
				.forEach(reply -> assertThat(reply.isProblem()).isTrue());
		assertConsistent(created);
	}

	@Test
	void concurrentRequestsForTheSameSubnetGiveOneWinner() throws Exception {
		cluster();

		List<Reply> replies = inParallel(thread -> List.of(
				api.post(NODES, json("{'name':'node-" + thread + "','podSubnet':'10.244.200.0/24'}"))));

		assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isIn(201, 409));
		assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize(1);
		assertConsistent(replies.stream().filter(reply -> reply.status() == 201).toList());
	}

	/** Every node answered 201 is stored, with its own address, subnet and gateway route. */
	private void assertConsistent(List<Reply> created) {
		Set<String> addresses = new HashSet<>();
		Set<String> subnets = new HashSet<>();
		for (Reply reply : created) {
			assertThat(addresses.add(reply.text("address"))).as("duplicate address " + reply).isTrue();
			assertThat(subnets.add(reply.text("podSubnet"))).as("duplicate subnet " + reply).isTrue();
		}
		Reply nodes = api.get(NODES);
		assertThat(nodes.json().path("items").size()).isEqualTo(created.size());
		Set<String> storedRoutes = new HashSet<>();
		api.get("/api/v1/clusters/demo/routes").json().forEach(route -> {
			if ("NODE".equals(route.path("type").asString())) {
				storedRoutes.add(route.path("destination").asString() + " via " + route.path("nextHop").asString());
			}
		});
		Set<String> expectedRoutes = new HashSet<>();
		created.forEach(reply -> expectedRoutes.add(reply.text("podSubnet") + " via " + reply.text("address")));
		assertThat(storedRoutes).isEqualTo(expectedRoutes);
		assertThat(api.get("/api/v1/clusters/demo").json().path("nodeSubnets").path("allocated").asInt())
				.isEqualTo(created.size());
	}

	private interface PerThread {
		List<Reply> run(int thread) throws Exception;
	}

	private List<Reply> inParallel(PerThread work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<Reply>>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				Callable<List<Reply>> task = () -> {
					start.await();
					return work.run(thread);
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<Reply> replies = new ArrayList<>();
			for (Future<List<Reply>> future : futures) {
				replies.addAll(future.get(60, TimeUnit.SECONDS));
			}
			return replies;
		} finally {
			pool.shutdownNow();
		}
	}

	private void cluster() {
		Reply created = api.post("/api/v1/clusters",
				json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}
}

package io.podnet.node;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a pod create locks while it allocates: its node's pod counters, and nothing else. Pods on
 * that node wait for it; node creates (which lock the cluster row) and pods on other nodes do not.
 * The create's lock is held here by a transaction of the test's own, stopped right after the
 * statement that takes it.
 */
class PodCreateLockIT extends IntegrationTest {

	private static final String PODS = "/api/v1/clusters/demo/namespaces/default/pods";

	@Autowired
	private PodTargets targets;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aPodCreateLocksItsNodesCountersOnly() throws Exception {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}"));
		assertThat(createPod("first", "node-1").status()).isEqualTo(201);

		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// threads of its own: the common pool may have a single one on a small machine
		ExecutorService threads = Executors.newFixedThreadPool(2);
		Future<PodTarget> holder = threads.submit(() -> transactions.execute(status -> {
			PodTarget node = targets.lock("demo", "node-1").orElseThrow();
			locked.countDown();
			await(release);
			return node;
		}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			// not waiting for the held lock: a node create locks the cluster row, a pod on node-2 its own counters
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-3'}")).status()).isEqualTo(201);
			assertThat(createPod("elsewhere", "node-2").status()).isEqualTo(201);
			Future<Reply> waiting = threads.submit(() -> createPod("second", "node-1"));
			Thread.sleep(500);
			assertThat(waiting).as("a pod create on the locked node waits for the lock").isNotDone();
			release.countDown();
			assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
		} finally {
			release.countDown();
			threads.shutdown();
		}
		PodTarget node = holder.get(10, TimeUnit.SECONDS);
		assertThat(node.nodeName()).isEqualTo("node-1");
		assertThat(node.counters().podCount()).isEqualTo(1);
		assertThat(api.get(PODS + "/second").text("ip")).isEqualTo("10.244.0.3");
	}

	@Test
	void lockingAMissingNodeOrClusterFindsNothing() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		Optional<PodTarget> noNode = transactions.execute(status -> targets.lock("demo", "node-9"));
		Optional<PodTarget> noCluster = transactions.execute(status -> targets.lock("other", "node-1"));
		assertThat(noNode).isEmpty();
		assertThat(noCluster).isEmpty();
	}

	private Reply createPod(String name, String node) {
		return api.post(PODS, json("{'name':'" + name + "','nodeName':'" + node + "','containers':[{'name':'c','image':'i'}]}"));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}

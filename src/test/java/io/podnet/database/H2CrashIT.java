package io.podnet.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.ServiceProcess;
import io.podnet.support.chaos.Ledger;
import io.podnet.support.chaos.RanMarker;
import io.podnet.support.chaos.StoredState;
import io.podnet.support.chaos.WriteLoad;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default setup (embedded H2 in ./data) keeps every write it acknowledged through SIGKILL:
 * rounds of 8 clients creating nodes and pods and deleting pods, the service killed mid-load,
 * started again on the same directory, and the stored state compared with every answer given.
 * After each restart a new pod on every node, and a new node, must get addresses after every
 * acknowledged one: next-fit's cursors survive with the rows they moved for. The service runs as
 * its own process with its own defaults ({@code java -jar} in a fresh directory), as a user runs it.
 */
@Tag("h2-only")
class H2CrashIT {

	private static final String CLUSTER = "chaos";
	private static final int ROUNDS = 5;
	private static final int CLIENTS = 8;

	@TempDir
	Path workDir;

	@Test
	void everyAcknowledgedWriteSurvivesKillNine() {
		long seed = Long.getLong("podnet.test.seed", System.nanoTime());
		System.out.println("H2CrashIT seed " + seed + " (rerun with -Dpodnet.test.seed=" + seed + ")");
		SplittableRandom random = new SplittableRandom(seed);
		Ledger ledger = new Ledger();
		List<String> report = new ArrayList<>();
		ServiceProcess service = new ServiceProcess(workDir, List.of(), Map.of()).start();
		try {
			Api api = service.api();
			assertThat(api.post("/api/v1/clusters", "{\"name\":\"" + CLUSTER + "\",\"nodeNetwork\":\"10.100.0.0/22\","
					+ "\"podNetwork\":\"10.244.0.0/16\"}").status()).isEqualTo(201);
			for (int round = 1; round <= ROUNDS; round++) {
				int killAfter = 150 + random.nextInt(250);
				try (WriteLoad load = new WriteLoad(CLUSTER, ledger, service::api, CLIENTS, 60, "r" + round,
						random.nextLong(), false)) {
					while (load.acknowledged() < killAfter) {
						sleep(5);
					}
					service.kill();
				}
				service = new ServiceProcess(workDir, List.of(), Map.of()).start();
				StoredState stored = StoredState.read(service.api(), CLUSTER);
				report.add(String.format("round %d: killed after %d acknowledged writes; acknowledged %d, stored %d, "
						+ "lost %d (unsure: %d writes in flight at a kill, so far)", round, killAfter,
						ledger.acknowledged(), stored.size(), stored.lost(ledger), ledger.unsureCount()));
				System.out.println(report.get(report.size() - 1));
				assertThat(stored.violationsOf(ledger)).as("round %d, seed %d", round, seed).isEmpty();
				nextFitContinuesAfterEveryAcknowledgedAllocation(service.api(), ledger, stored, round);
			}
		} finally {
			service.stop();
		}
		report.forEach(System.out::println);
		RanMarker.record("H2CrashIT", report.get(report.size() - 1));
	}

	/**
	 * A new pod on each node gets an IP after every IP acknowledged on it, and a new node an address
	 * and subnet after every acknowledged one: the allocators' cursors were not rolled back behind
	 * what clients were told. Nothing here wraps around (a node holds at most 110 pods of 253).
	 */
	private static void nextFitContinuesAfterEveryAcknowledgedAllocation(Api api, Ledger ledger, StoredState stored,
			int round) {
		for (Ledger.Node node : stored.nodes().values()) {
			List<BigInteger> acknowledged = ledger.podIpsEverOn(node.name());
			String name = "probe-" + round + "/" + node.name();
			Reply probe = api.post("/api/v1/clusters/" + CLUSTER + "/namespaces/probe-" + round + "/pods",
					"{\"name\":\"" + node.name() + "\",\"nodeName\":\"" + node.name()
							+ "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}");
			if (probe.status() == 409 && probe.body().contains("exhausted")) {
				continue;
			}
			assertThat(probe.status()).as(probe.toString()).isEqualTo(201);
			BigInteger ip = Ledger.value(probe.text("ip"));
			assertThat(acknowledged).as("pod %s on %s got %s", name, node.name(), probe.text("ip"))
					.allSatisfy(earlier -> assertThat(ip).isGreaterThan(earlier));
			ledger.podCreated(new Ledger.Pod(name, probe.text("ip"), node.name()));
		}
		Reply node = api.post("/api/v1/clusters/" + CLUSTER + "/nodes", "{\"name\":\"probe-" + round + "\"}");
		assertThat(node.status()).as(node.toString()).isEqualTo(201);
		BigInteger address = Ledger.value(node.text("address"));
		BigInteger subnet = Ledger.value(node.text("podSubnet").split("/")[0]);
		for (Ledger.Node earlier : ledger.nodes().values()) {
			assertThat(address).as("node address %s after %s", node.text("address"), earlier.address())
					.isGreaterThan(Ledger.value(earlier.address()));
			assertThat(subnet).as("node subnet %s after %s", node.text("podSubnet"), earlier.podSubnet())
					.isGreaterThan(Ledger.value(earlier.podSubnet().split("/")[0]));
		}
		ledger.nodeCreated(new Ledger.Node("probe-" + round, node.text("address"), node.text("podSubnet")));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

package io.podnet.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Kubenet;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTables;
import io.podnet.path.ContainerPort;
import io.podnet.path.Disposition;
import io.podnet.path.Protocol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At Kubernetes' limits (5,000 nodes, 150,000 pods: 22.5 billion ordered pairs) the answer is still
 * exact, and the flows traced grow with the nodes, not with the pairs. Timing is the benchmark's
 * business (bench/reachability.sh); this prints it only.
 */
class ClassTracerScaleTests {

	private static final int NODES = 5000;
	private static final int PODS_PER_NODE = 30;
	/** Every tenth pod declares no port 8080. */
	private static final int DEAF_EVERY = 10;

	@Test
	void fiveThousandNodesAndOneHundredFiftyThousandPodsAreCountedExactlyFromAFewTracesPerNode() {
		long start = System.nanoTime();
		IPAddress nodeNetwork = Addresses.parseNetwork("test", "10.0.0.0/16");
		IPAddress gateway = Addresses.parseAddress("test", "10.0.0.1");
		Map<String, NodePlan> nodes = new LinkedHashMap<>();
		List<Route> stored = new ArrayList<>();
		BigInteger nodeBase = Addresses.valueOf(nodeNetwork);
		BigInteger podBase = Addresses.valueOf(Addresses.parseNetwork("test", "10.128.0.0/9"));
		for (int n = 0; n < NODES; n++) {
			String name = String.format("node-%05d", n);
			IPAddress address = Addresses.fromValue(IpFamily.IPv4, nodeBase.add(BigInteger.valueOf(n + 2)));
			IPAddress subnet = Addresses.blockFromValue(IpFamily.IPv4, podBase.add(BigInteger.valueOf(256L * n)), 24);
			nodes.put(name, NodePlan.of(name, address, subnet));
			stored.add(Route.toNode(subnet, address, Kubenet.UPLINK, name));
		}
		stored.add(Route.external(Addresses.parseNetwork("test", "0.0.0.0/0"), null));
		stored.add(Route.blackhole(Addresses.parseNetwork("test", "10.200.0.0/16")));
		PodGroups groups = new PodGroups(nodes);
		List<ContainerPort> web = List.of(new ContainerPort(8080, Protocol.TCP, "web"));
		int k = 0;
		for (NodePlan node : nodes.values()) {
			BigInteger first = Addresses.valueOf(node.podSubnet()).add(BigInteger.TWO);
			for (int p = 0; p < PODS_PER_NODE; p++, k++) {
				boolean listening = k % DEAF_EVERY != 0;
				BigInteger ip = first.add(BigInteger.valueOf(p));
				String name = "ns/p-" + k;
				groups.add(node.name(), ip, () -> new PodSample(name, Addresses.fromValue(IpFamily.IPv4, ip), null,
						listening ? web : List.of()), listening, true, true);
			}
		}
		ClusterPlan plan = new ClusterPlan(nodeNetwork, gateway, RouteTables.gateway(nodeNetwork, stored),
				List.copyOf(nodes.values()), groups.groups());
		System.out.printf("plan of %d nodes, %d pods made in %d ms%n", NODES, NODES * PODS_PER_NODE,
				(System.nanoTime() - start) / 1_000_000);

		List<TracedClass> classes = List.of();
		Reachability answer = null;
		// the first answer runs cold; the later ones as a server's would
		for (int round = 0; round < 3; round++) {
			long begun = System.nanoTime();
			classes = new ClassTracer(plan, 8080, Protocol.TCP, true, null).run();
			answer = Reachability.of(plan, classes);
			System.out.printf("round %d: %d classes traced and summed in %d ms%n", round, classes.size(),
					(System.nanoTime() - begun) / 1_000_000);
		}

		long pods = (long) NODES * PODS_PER_NODE;
		long deaf = pods / DEAF_EVERY;
		assertThat(answer.pairs()).isEqualTo(Map.of(Disposition.ACCEPTED, pods * (pods - deaf),
				Disposition.REFUSED, pods * deaf));
		assertThat(answer.pairs().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(22_500_000_000L);
		assertThat(answer.allReachable()).isFalse();
		// pods (2 kinds × 3 scopes), bridge, free address and node (2 scopes each) per node, a few beyond
		assertThat(classes.size()).isLessThanOrEqualTo(12 * NODES + 10);
	}
}

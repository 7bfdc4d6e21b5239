package io.podnet.export;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.podnet.export.Shells.Run;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Route;
import io.podnet.pod.PodEndpoint;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts of a cluster whose every name and address tries to break out of its word, as if the
 * database's and the API's checks were gone: each script runs in dash and bash with fake ip and
 * sysctl that record their arguments, and is shown to run only ip and sysctl, each value arriving
 * whole as one argument. The hostile values call {@code ip canary}, the one command their shell
 * could find, so any value that ran as code is caught in the record.
 */
class HostileScriptsTests {

	private static final String CLUSTER = "c';ip canary;'";
	private static final String NODE_1 = "n1$(ip canary)\"`ip canary`\"";
	private static final String NODE_2 = "n2\nip canary #\u2028";
	private static final String NAMESPACE = "ns\\\";ip canary";
	private static final String POD = "p'\\''; ip canary; '";
	private static final String VETH = "v${IFS}$(ip canary)";
	private static final String GATEWAY = "10.100.0.1;ip canary";
	private static final String ADDRESS_1 = "10.100.0.2`ip canary`";
	private static final String ADDRESS_2 = "10.100.0.3'ip canary'";
	private static final String BRIDGE_1 = "10.244.0.1\rip canary";
	private static final String POD_IP = "10.244.0.2$((1+1))";

	private static final Topology CLUSTER_TOPOLOGY = new Topology(CLUSTER, IpFamily.IPv4, "10.100.0.0/24", GATEWAY,
			List.of(new NodeSpec(NODE_1, ADDRESS_1, "10.244.0.0/24", BRIDGE_1),
					new NodeSpec(NODE_2, ADDRESS_2, "10.244.1.0/24", "10.244.1.1")),
			List.of(new PodEndpoint(0, Instant.EPOCH, 0, 0, NAMESPACE, POD, 0, NODE_1, POD_IP, BigInteger.ZERO, VETH, List.of())),
			List.of(Route.toNode(net("10.244.0.0/24"), ip("10.100.0.2"), "eth0", NODE_1),
					Route.toNode(net("10.244.1.0/24"), ip("10.100.0.3"), "eth0", NODE_2),
					Route.external(net("198.51.100.0/24"), null)));

	@TempDir
	static Path dir;

	private static Path bin;
	private static Path log;

	/** One call of a fake command: its name and arguments. */
	record Call(String command, List<String> arguments) {
	}

	@BeforeAll
	static void fakeIpAndSysctl() throws IOException {
		bin = Shells.bin(dir);
		log = Files.createFile(dir.resolve("calls"));
		log.toFile().setWritable(true, false);
		for (String command : new String[] { "ip", "sysctl" }) {
			Shells.command(bin, command, "printf '%s\\0' " + command + " \"$#\" \"$@\" >> " + log);
		}
	}

	@BeforeEach
	void emptyLog() throws IOException {
		Files.writeString(log, "");
	}

	@Test
	void gatewayScriptRunsOnlyIpAndSysctlWithEachValueWhole() throws IOException {
		List<Call> calls = run(DeviceScripts.gateway(CLUSTER_TOPOLOGY), Map.of());

		assertThat(calls).contains(
				new Call("ip", List.of("addr", "add", GATEWAY + "/24", "dev", "eth0")),
				new Call("ip", List.of("route", "add", "10.244.1.0/24", "via", "10.100.0.3", "dev", "eth0")),
				new Call("ip", List.of("route", "add", "198.51.100.0/24", "dev", "ext0")));
	}

	@Test
	void nodeScriptRunsOnlyIpAndSysctlWithEachValueWhole() throws IOException {
		NodeSpec node = CLUSTER_TOPOLOGY.node(NODE_1);

		List<Call> calls = run(DeviceScripts.node(CLUSTER_TOPOLOGY, node), Map.of());

		assertThat(calls).containsExactly(
				new Call("sysctl", List.of("-w", "net.ipv4.ip_forward=1")),
				new Call("ip", List.of("addr", "add", ADDRESS_1 + "/24", "dev", "eth0")),
				new Call("ip", List.of("link", "set", "eth0", "up")),
				new Call("ip", List.of("link", "add", "cbr0", "type", "bridge")),
				new Call("ip", List.of("addr", "add", BRIDGE_1 + "/24", "dev", "cbr0")),
				new Call("ip", List.of("link", "set", "cbr0", "up")),
				new Call("ip", List.of("route", "add", "default", "via", GATEWAY, "dev", "eth0")));
	}

	@Test
	void podScriptRunsOnlyIpWithEachValueWhole() throws IOException {
		PodEndpoint pod = ((List<PodEndpoint>) CLUSTER_TOPOLOGY.pods()).get(0);
		String netns = "pod ns $(ip canary)";

		List<Call> calls = run(DeviceScripts.pod(CLUSTER_TOPOLOGY, pod), Map.of("POD_NETNS", netns));

		assertThat(calls).containsExactly(
				new Call("ip", List.of("link", "add", VETH, "type", "veth", "peer", "name", "eth0", "netns", netns)),
				new Call("ip", List.of("link", "set", VETH, "master", "cbr0")),
				new Call("ip", List.of("link", "set", VETH, "type", "bridge_slave", "hairpin", "on")),
				new Call("ip", List.of("link", "set", VETH, "up")),
				new Call("ip", List.of("-n", netns, "link", "set", "lo", "up")),
				new Call("ip", List.of("-n", netns, "addr", "add", POD_IP + "/24", "dev", "eth0")),
				new Call("ip", List.of("-n", netns, "link", "set", "eth0", "up")),
				new Call("ip", List.of("-n", netns, "route", "add", "default", "via", BRIDGE_1, "dev", "eth0")));
	}

	@Test
	void replayRunsOnlyIpWithEachNamespaceWhole() throws IOException {
		List<Call> calls = run(NamespaceReplay.script(CLUSTER_TOPOLOGY), Map.of("PODNET_NS_PREFIX", "t-"));

		assertThat(calls.stream().filter(call -> call.arguments().subList(0, 2).equals(List.of("netns", "add"))))
				.as("one namespace per name, whatever the name holds").hasSize(2 + 2 + 1);

		String node1 = "t-node." + NODE_1;
		String node2 = "t-node." + NODE_2;
		String pod = "t-pod." + NAMESPACE + "." + POD;
		assertThat(calls).contains(
				new Call("ip", List.of("netns", "add", node1)),
				new Call("ip", List.of("netns", "add", node2)),
				new Call("ip", List.of("netns", "add", pod)),
				new Call("ip", List.of("-n", "t-nodenet", "link", "add", "node2", "type", "veth", "peer", "name", "eth0",
						"netns", node2)),
				new Call("ip", List.of("-n", node2, "addr", "add", ADDRESS_2 + "/24", "dev", "eth0")),
				new Call("ip", List.of("-n", node1, "link", "add", VETH, "type", "veth", "peer", "name", "eth0",
						"netns", pod)),
				new Call("ip", List.of("-n", pod, "addr", "add", POD_IP + "/24", "dev", "eth0")));
	}

	@Test
	void replayWithAHostileClusterNameAsItsDefaultPrefixStopsBeforeAnyCommand() throws IOException {
		for (Path shell : Shells.ALL) {
			Run run = Shells.run(shell, NamespaceReplay.script(CLUSTER_TOPOLOGY), bin);

			assertThat(run.status()).as(shell.toString()).isEqualTo(2);
			assertThat(run.stderr()).as(shell.toString()).startsWith("PODNET_NS_PREFIX may hold only letters")
					.contains("'podnet-" + CLUSTER + "-'");
			assertThat(calls()).as(shell.toString()).isEmpty();
		}
	}

	/** The calls of the script in each shell, the same in all; nothing but the fakes ran, and no value called ip on its own. */
	private List<Call> run(String script, Map<String, String> variables) throws IOException {
		List<Call> first = null;
		for (Path shell : Shells.ALL) {
			Files.writeString(log, "");
			Run run = Shells.run(shell, script, bin, variables);

			assertThat(run.stderr()).as(shell + " ran only ip and sysctl, without an error").isEmpty();
			assertThat(run.status()).as(shell.toString()).isZero();
			List<Call> calls = calls();
			assertThat(calls).as(shell + ": no value ran as a command").noneMatch(call -> call.arguments().contains("canary")
					&& call.arguments().size() == 1);
			assertThat(first == null ? calls : first).as(shell + " runs what the other shells run").isEqualTo(calls);
			first = calls;
		}
		return first;
	}

	private static List<Call> calls() throws IOException {
		List<String> fields = new ArrayList<>(Arrays.asList(Files.readString(log, StandardCharsets.UTF_8).split("\0", -1)));
		fields.remove(fields.size() - 1);
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < fields.size(); ) {
			int count = Integer.parseInt(fields.get(i + 1));
			calls.add(new Call(fields.get(i), List.copyOf(fields.subList(i + 2, i + 2 + count))));
			i += 2 + count;
		}
		return calls;
	}

	private static IPAddress net(String cidr) {
		return Addresses.parseNetwork("destination", cidr);
	}

	private static IPAddress ip(String address) {
		return Addresses.parseAddress("nextHop", address);
	}
}

package io.podnet.export;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import java.math.BigInteger;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import inet.ipaddr.IPAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ip(8) exports of the article's cluster, IPv4 and IPv6 side by side. */
class ScriptsTests {

	/** The article's cluster in one family, with one user route of each type. */
	record Case(String description, Topology topology, String ip, String forwarding, String nodad) {
		@Override
		public String toString() {
			return description;
		}
	}

	static Stream<Arguments> families() {
		Topology v4 = new Topology("demo", IpFamily.IPv4, "10.100.0.0/24", "10.100.0.1",
				List.of(new NodeSpec("node-1", "10.100.0.2", "10.244.0.0/24", "10.244.0.1"),
						new NodeSpec("node-2", "10.100.0.3", "10.244.1.0/24", "10.244.1.1")),
				List.of(pod("default", "web", "node-1", "10.244.0.2", "veth0a1b2c3d"),
						pod("default", "db", "node-2", "10.244.1.2", "veth4e5f6a7b")),
				List.of(Route.toNode(net("10.244.0.0/24"), ip("10.100.0.2"), "eth0", "node-1"),
						Route.toNode(net("10.244.1.0/24"), ip("10.100.0.3"), "eth0", "node-2"),
						Route.blackhole(net("10.244.100.0/24")),
						Route.via(net("10.244.200.0/24"), ip("10.100.0.2"), "eth0"),
						Route.external(net("198.51.100.0/24"), null)));
		Topology v6 = new Topology("demo6", IpFamily.IPv6, "fd00:10:100::/64", "fd00:10:100::1",
				List.of(new NodeSpec("node-1", "fd00:10:100::2", "fd00:10:244::/64", "fd00:10:244::1"),
						new NodeSpec("node-2", "fd00:10:100::3", "fd00:10:244:1::/64", "fd00:10:244:1::1")),
				List.of(pod("default", "web", "node-1", "fd00:10:244::2", "veth0a1b2c3d"),
						pod("default", "db", "node-2", "fd00:10:244:1::2", "veth4e5f6a7b")),
				List.of(Route.toNode(net("fd00:10:244::/64"), ip("fd00:10:100::2"), "eth0", "node-1"),
						Route.toNode(net("fd00:10:244:1::/64"), ip("fd00:10:100::3"), "eth0", "node-2"),
						Route.blackhole(net("fd00:10:244:64::/64")),
						Route.via(net("fd00:10:244:c8::/64"), ip("fd00:10:100::2"), "eth0"),
						Route.external(net("2001:db8:ff::/48"), null)));
		return Stream.of(
				Arguments.of(new Case("IPv4", v4, "ip", "net.ipv4.ip_forward=1", "")),
				Arguments.of(new Case("IPv6", v6, "ip -6", "net.ipv6.conf.all.forwarding=1", " nodad")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void gatewayGetsForwardingItsAddressOneRoutePerNodeAndTheUserRoutes(Case c) {
		Topology t = c.topology();
		List<String> lines = commands(DeviceScripts.gateway(t));

		assertThat(lines).containsSubsequence(
				"sysctl -w " + c.forwarding(),
				c.ip() + " addr add " + t.gateway() + "/" + prefix(t.nodeNetwork()) + " dev eth0" + c.nodad(),
				"ip link set eth0 up",
				c.ip() + " route add " + route(t, 0).destination() + " via " + t.node("node-1").address()
						+ " dev eth0  # node-1",
				c.ip() + " route add " + route(t, 1).destination() + " via " + t.node("node-2").address()
						+ " dev eth0  # node-2",
				"UPLINK=\"${PODNET_UPLINK:-ext0}\"",
				c.ip() + " route add blackhole " + route(t, 2).destination(),
				c.ip() + " route add " + route(t, 3).destination() + " via " + t.node("node-1").address() + " dev eth0",
				c.ip() + " route add " + route(t, 4).destination() + " dev \"$UPLINK\"");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void gatewayWithoutExternalRoutesNeedsNoUplink(Case c) {
		Topology t = c.topology();
		Topology noExternal = new Topology(t.cluster(), t.family(), t.nodeNetwork(), t.gateway(), t.nodes(), t.pods(),
				t.gatewayRoutes().stream().filter(r -> r.kind() != RouteKind.EXTERNAL).toList());

		assertThat(DeviceScripts.gateway(noExternal)).doesNotContain("UPLINK", "ext0");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void nodeGetsEth0Cbr0AndADefaultRouteViaTheGateway(Case c) {
		Topology t = c.topology();
		NodeSpec node = t.node("node-2");

		assertThat(commands(DeviceScripts.node(t, node))).containsExactly(
				"sysctl -w " + c.forwarding(),
				c.ip() + " addr add " + node.address() + "/" + prefix(t.nodeNetwork()) + " dev eth0" + c.nodad(),
				"ip link set eth0 up",
				"ip link add cbr0 type bridge",
				c.ip() + " addr add " + node.bridgeAddress() + "/" + prefix(node.podSubnet()) + " dev cbr0" + c.nodad(),
				"ip link set cbr0 up",
				c.ip() + " route add default via " + t.gateway() + " dev eth0");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void podGetsAVethOnCbr0AndEth0WithDefaultViaTheBridge(Case c) {
		Topology t = c.topology();
		PodEndpoint db = ((List<PodEndpoint>) t.pods()).get(1);
		String pod = "ip -n \"$POD_NETNS\"" + (c.ip().equals("ip") ? "" : " -6");

		List<String> lines = commands(DeviceScripts.pod(t, db));

		assertThat(lines).contains("POD_NETNS=\"${POD_NETNS:?set POD_NETNS to the name of the network namespace of the pod}\"");
		assertThat(lines).containsSubsequence(
				"ip link add veth4e5f6a7b type veth peer name eth0 netns \"$POD_NETNS\"",
				"ip link set veth4e5f6a7b master cbr0",
				"ip link set veth4e5f6a7b type bridge_slave hairpin on",
				"ip link set veth4e5f6a7b up",
				"ip -n \"$POD_NETNS\" link set lo up",
				pod + " addr add " + db.ip() + "/" + prefix(t.node("node-2").podSubnet()) + " dev eth0" + c.nodad(),
				"ip -n \"$POD_NETNS\" link set eth0 up",
				pod + " route add default via " + t.node("node-2").bridgeAddress() + " dev eth0");
		assertThat(lines.contains("ip netns exec \"$POD_NETNS\" sysctl -qw net.ipv6.conf.eth0.accept_ra=0"))
				.as("accept_ra off in IPv6 pods only").isEqualTo(t.family() == IpFamily.IPv6);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void replayActsOnlyInsideItsOwnNamespaces(Case c) {
		String script = NamespaceReplay.script(c.topology());
		String up = function(script, "up");

		for (String line : commands(up)) {
			assertThat(line).as("every command names a namespace of the replay")
					.matches("((ip -n|ip netns exec) \"\\$\\{P\\}[^\"]*\" .*|each_namespace add_namespace|up\\(\\) \\{)");
		}
		for (String line : commands(function(script, "add_namespace"))) {
			assertThat(line).as("each namespace is made by its name, which each_namespace gives")
					.matches("(ip -n \"\\$1\" .*|ip netns (add|exec) \"\\$1\"( .*)?|add_namespace\\(\\) \\{)");
		}
		Matcher netns = Pattern.compile(" netns \"([^\"]*)\"").matcher(up);
		while (netns.find()) {
			assertThat(netns.group(1)).as("veths join only the replay's namespaces").startsWith("${P}");
		}
		assertThat(function(script, "each_namespace")).contains(
				"\tfor ns in gateway nodenet node.node-1 node.node-2 pod.default.web pod.default.db; do\n",
				"\t\t\"$@\" \"$P$ns\"\n");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void replayInterfaceNamesFitLinux(Case c) {
		Matcher names = Pattern.compile("link add (\\S+) .*?(?:peer name (\\S+))?(?: netns|$| 2>)", Pattern.MULTILINE)
				.matcher(NamespaceReplay.script(c.topology()));
		int seen = 0;
		while (names.find()) {
			seen++;
			for (String name : new String[] { names.group(1), names.group(2) }) {
				if (name != null) {
					assertThat(name.length()).as(name).isLessThanOrEqualTo(15);
				}
			}
		}
		assertThat(seen).isGreaterThan(5);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("families")
	void replayTearsDownWhatItBuiltAndOnlyThat(Case c) {
		String script = NamespaceReplay.script(c.topology());

		assertThat(script).contains("P=${PODNET_NS_PREFIX-podnet-" + c.topology().cluster() + "-}\n",
				"down() {\n\teach_namespace remove_namespace\n}\n",
				"remove_namespace() {\n\tip netns delete \"$1\" 2>/dev/null || true\n}\n",
				"down) down ;;");
		assertThat(script).doesNotContain("ip -all", "netns 1", "netns 0");
	}

	private static Route route(Topology t, int index) {
		return t.gatewayRoutes().get(index);
	}

	private static PodEndpoint pod(String namespace, String name, String node, String ip, String hostInterface) {
		return new PodEndpoint(0, Instant.EPOCH, 0, 0, namespace, name, 0, node, ip, BigInteger.ZERO, hostInterface, List.of());
	}

	private static IPAddress net(String cidr) {
		return Addresses.parseNetwork("destination", cidr);
	}

	private static IPAddress ip(String address) {
		return Addresses.parseAddress("nextHop", address);
	}

	private static int prefix(String cidr) {
		return Topology.prefixLength(cidr);
	}

	/** The definition of a shell function of the script, its closing brace left out. */
	private static String function(String script, String name) {
		int start = script.indexOf("\n" + name + "() {\n");
		assertThat(start).as(name + "()").isNotNegative();
		return script.substring(start + 1, script.indexOf("\n}\n", start) + 1);
	}

	/** The script's commands: no comments, no blank lines, trailing comments kept, indentation dropped. */
	private static List<String> commands(String script) {
		return Arrays.stream(script.split("\n")).map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.equals("set -eu"))
				.toList();
	}
}

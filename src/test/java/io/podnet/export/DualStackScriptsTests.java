package io.podnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.podnet.export.Topology.NodeAddresses;
import io.podnet.export.Topology.NodeNetwork;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Route;
import io.podnet.pod.PodEndpoint;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exports of a dual-stack cluster, the article's two nodes with an IPv6 plan beside the IPv4
 * one: kubenet's CNI config with a range set per family, and ip(8) commands that configure both
 * families on every device, primary first, each route in its own family's table.
 */
class DualStackScriptsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** IPv4 primary, as DualStackApiIT's cluster; routes in the order the gateway's table is stored. */
	private static final Topology DUAL = new Topology("demo",
			List.of(new NodeNetwork(IpFamily.IPv4, "10.100.0.0/24", "10.100.0.1"),
					new NodeNetwork(IpFamily.IPv6, "fd00:10:100::/64", "fd00:10:100::1")),
			List.of(new NodeSpec("node-1", List.of(new NodeAddresses("10.100.0.2", "10.244.0.0/24", "10.244.0.1"),
							new NodeAddresses("fd00:10:100::2", "fd00:10:244::/64", "fd00:10:244::1"))),
					new NodeSpec("node-2", List.of(new NodeAddresses("10.100.0.3", "10.244.1.0/24", "10.244.1.1"),
							new NodeAddresses("fd00:10:100::3", "fd00:10:244:1::/64", "fd00:10:244:1::1")))),
			List.of(pod("web", "node-1", "10.244.0.2", "fd00:10:244::2", "veth0a1b2c3d"),
					pod("db", "node-2", "10.244.1.2", "fd00:10:244:1::2", "veth4e5f6a7b")),
			List.of(Route.toNode(net("10.244.0.0/24"), ip("10.100.0.2"), "eth0", "node-1"),
					Route.toNode(net("10.244.1.0/24"), ip("10.100.0.3"), "eth0", "node-2"),
					Route.blackhole(net("10.244.100.0/24")),
					Route.toNode(net("fd00:10:244::/64"), ip("fd00:10:100::2"), "eth0", "node-1"),
					Route.toNode(net("fd00:10:244:1::/64"), ip("fd00:10:100::3"), "eth0", "node-2"),
					Route.via(net("fd00:10:244:c8::/64"), ip("fd00:10:100::2"), "eth0"),
					Route.external(net("2001:db8:ff::/48"), null)));

	/** The same cluster with IPv6 as its primary family: every per-family list the other way round. */
	private static final Topology IPV6_PRIMARY = new Topology("demo",
			List.of(DUAL.nodeNetworks().get(1), DUAL.nodeNetworks().get(0)),
			DUAL.nodes().stream().map(node -> new NodeSpec(node.name(),
					List.of(node.families().get(1), node.families().get(0)))).toList(),
			List.of(pod("web", "node-1", "fd00:10:244::2", "10.244.0.2", "veth0a1b2c3d")), DUAL.gatewayRoutes());

	@Test
	void cniConfigHasOneRangeSetAndOneDefaultRoutePerFamilyAsKubenetWritesIt() {
		CniConfig config = CniConfig.of(List.of(new CniConfig.Subnet(IpFamily.IPv4, "10.244.1.0/24", "10.244.1.1"),
				new CniConfig.Subnet(IpFamily.IPv6, "fd00:10:244:1::/64", "fd00:10:244:1::1")));

		assertThat(JSON.valueToTree(config).path("ipam")).isEqualTo(tree("{'type':'host-local','ranges':["
				+ "[{'subnet':'10.244.1.0/24','gateway':'10.244.1.1'}],"
				+ "[{'subnet':'fd00:10:244:1::/64','gateway':'fd00:10:244:1::1'}]],"
				+ "'routes':[{'dst':'0.0.0.0/0'},{'dst':'::/0'}]}"));
	}

	@Test
	void cniConfigOfAnIpv6PrimaryNodeListsIpv6First() {
		CniConfig config = CniConfig.of(List.of(new CniConfig.Subnet(IpFamily.IPv6, "fd00:10:244:1::/64", "fd00:10:244:1::1"),
				new CniConfig.Subnet(IpFamily.IPv4, "10.244.1.0/24", "10.244.1.1")));

		JsonNode ipam = JSON.valueToTree(config).path("ipam");
		assertThat(ipam.path("ranges").get(0).get(0).path("subnet").asString()).isEqualTo("fd00:10:244:1::/64");
		assertThat(ipam.path("ranges").get(1).get(0).path("subnet").asString()).isEqualTo("10.244.1.0/24");
		assertThat(ipam.path("routes").get(0).path("dst").asString()).isEqualTo("::/0");
		assertThat(ipam.path("routes").get(1).path("dst").asString()).isEqualTo("0.0.0.0/0");
	}

	@Test
	void gatewayForwardsBothFamiliesAndHoldsEachRouteInItsFamilysTable() {
		assertThat(commands(DeviceScripts.gateway(DUAL))).containsExactly(
				"sysctl -w net.ipv4.ip_forward=1",
				"sysctl -w net.ipv6.conf.all.forwarding=1",
				"ip addr add 10.100.0.1/24 dev eth0",
				"ip -6 addr add fd00:10:100::1/64 dev eth0 nodad",
				"ip link set eth0 up",
				"ip route add 10.244.0.0/24 via 10.100.0.2 dev eth0  # node-1",
				"ip route add 10.244.1.0/24 via 10.100.0.3 dev eth0  # node-2",
				"ip -6 route add fd00:10:244::/64 via fd00:10:100::2 dev eth0  # node-1",
				"ip -6 route add fd00:10:244:1::/64 via fd00:10:100::3 dev eth0  # node-2",
				"UPLINK=\"${PODNET_UPLINK:-ext0}\"",
				"ip link show \"$UPLINK\" >/dev/null 2>&1 || ip link add \"$UPLINK\" type dummy",
				"ip link set \"$UPLINK\" up",
				"ip route add blackhole 10.244.100.0/24",
				"ip -6 route add fd00:10:244:c8::/64 via fd00:10:100::2 dev eth0",
				"ip -6 route add 2001:db8:ff::/48 dev \"$UPLINK\"");
		assertThat(DeviceScripts.gateway(DUAL)).contains("# podnet: the gateway of cluster demo, 10.100.0.1 and "
				+ "fd00:10:100::1 on the node networks 10.100.0.0/24 and fd00:10:100::/64.\n");
	}

	@Test
	void nodeGetsBothFamiliesOnEth0AndCbr0AndADefaultRoutePerFamily() {
		String script = DeviceScripts.node(DUAL, DUAL.node("node-2"));

		assertThat(commands(script)).containsExactly(
				"sysctl -w net.ipv4.ip_forward=1",
				"sysctl -w net.ipv6.conf.all.forwarding=1",
				"ip addr add 10.100.0.3/24 dev eth0",
				"ip -6 addr add fd00:10:100::3/64 dev eth0 nodad",
				"ip link set eth0 up",
				"ip link add cbr0 type bridge",
				"ip addr add 10.244.1.1/24 dev cbr0",
				"ip -6 addr add fd00:10:244:1::1/64 dev cbr0 nodad",
				"ip link set cbr0 up",
				"ip route add default via 10.100.0.1 dev eth0",
				"ip -6 route add default via fd00:10:100::1 dev eth0");
		assertThat(script).contains("# podnet: node node-2 of cluster demo, 10.100.0.3 and fd00:10:100::3 on the node "
				+ "networks 10.100.0.0/24 and fd00:10:100::/64, pod subnets 10.244.1.0/24 and fd00:10:244:1::/64.\n");
	}

	@Test
	void podGetsAnAddressAndADefaultRoutePerFamilyAndNoRouterAdvertisements() {
		PodEndpoint db = ((List<PodEndpoint>) DUAL.pods()).get(1);
		String script = DeviceScripts.pod(DUAL, db);

		assertThat(commands(script)).containsExactly(
				"POD_NETNS=\"${POD_NETNS:?set POD_NETNS to the name of the network namespace of the pod}\"",
				"ip link add veth4e5f6a7b type veth peer name eth0 netns \"$POD_NETNS\"",
				"ip link set veth4e5f6a7b master cbr0",
				"ip link set veth4e5f6a7b type bridge_slave hairpin on",
				"ip link set veth4e5f6a7b up",
				"ip -n \"$POD_NETNS\" link set lo up",
				"ip netns exec \"$POD_NETNS\" sysctl -qw net.ipv6.conf.eth0.accept_ra=0",
				"ip -n \"$POD_NETNS\" addr add 10.244.1.2/24 dev eth0",
				"ip -n \"$POD_NETNS\" -6 addr add fd00:10:244:1::2/64 dev eth0 nodad",
				"ip -n \"$POD_NETNS\" link set eth0 up",
				"ip -n \"$POD_NETNS\" route add default via 10.244.1.1 dev eth0",
				"ip -n \"$POD_NETNS\" -6 route add default via fd00:10:244:1::1 dev eth0");
		assertThat(script).contains("# podnet: pod default/db of cluster demo, 10.244.1.2 and fd00:10:244:1::2 on node "
				+ "node-2 (pod subnets 10.244.1.0/24 and fd00:10:244:1::/64, gateways 10.244.1.1 and fd00:10:244:1::1 on cbr0).\n");
	}

	@Test
	void anIpv6PrimaryClusterConfiguresIpv6First() {
		PodEndpoint web = ((List<PodEndpoint>) IPV6_PRIMARY.pods()).get(0);

		assertThat(commands(DeviceScripts.node(IPV6_PRIMARY, IPV6_PRIMARY.node("node-1")))).containsSubsequence(
				"sysctl -w net.ipv6.conf.all.forwarding=1",
				"sysctl -w net.ipv4.ip_forward=1",
				"ip -6 addr add fd00:10:100::2/64 dev eth0 nodad",
				"ip addr add 10.100.0.2/24 dev eth0",
				"ip -6 addr add fd00:10:244::1/64 dev cbr0 nodad",
				"ip addr add 10.244.0.1/24 dev cbr0",
				"ip -6 route add default via fd00:10:100::1 dev eth0",
				"ip route add default via 10.100.0.1 dev eth0");
		assertThat(commands(DeviceScripts.pod(IPV6_PRIMARY, web))).containsSubsequence(
				"ip -n \"$POD_NETNS\" -6 addr add fd00:10:244::2/64 dev eth0 nodad",
				"ip -n \"$POD_NETNS\" addr add 10.244.0.2/24 dev eth0",
				"ip -n \"$POD_NETNS\" -6 route add default via fd00:10:244::1 dev eth0",
				"ip -n \"$POD_NETNS\" route add default via 10.244.0.1 dev eth0");
	}

	@Test
	void replayBuildsBothFamiliesInEveryNamespaceAndOnlyThere() {
		String script = NamespaceReplay.script(DUAL);

		assertThat(script).contains(
				"# podnet: cluster demo (IPv4 and IPv6) replayed in Linux network namespaces.\n",
				"#   gateway          gateway, eth0 10.100.0.1/24 and fd00:10:100::1/64\n",
				"#   node.node-2      node node-2, eth0 10.100.0.3/24 and fd00:10:100::3/64, cbr0 10.244.1.1/24 and "
						+ "fd00:10:244:1::1/64\n",
				"#   pod.default.db   pod default/db, eth0 10.244.1.2/24 and fd00:10:244:1::2/64 on node-2 (host end "
						+ "veth4e5f6a7b)\n",
				"\tip netns exec \"$1\" sysctl -qw net.ipv4.icmp_ratemask=0 net.ipv6.icmp.ratemask= "
						+ "net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0\n");
		List<String> up = commands(function(script, "up"));
		assertThat(up).containsSubsequence(
				"ip -n \"${P}gateway\" addr add 10.100.0.1/24 dev eth0",
				"ip -n \"${P}gateway\" -6 addr add fd00:10:100::1/64 dev eth0 nodad",
				"ip -n \"${P}gateway\" -6 route add fd00:10:244:1::/64 via fd00:10:100::3 dev eth0  # node-2",
				"ip -n \"${P}node.node-2\" -6 addr add fd00:10:244:1::1/64 dev cbr0 nodad",
				"ip -n \"${P}node.node-2\" -6 route add default via fd00:10:100::1 dev eth0",
				"ip -n \"${P}pod.default.db\" addr add 10.244.1.2/24 dev eth0",
				"ip -n \"${P}pod.default.db\" -6 addr add fd00:10:244:1::2/64 dev eth0 nodad",
				"ip -n \"${P}pod.default.db\" -6 route add default via fd00:10:244:1::1 dev eth0");
		for (String line : up) {
			assertThat(line).as("every command names a namespace of the replay")
					.matches("((ip -n|ip netns exec) \"\\$\\{P\\}[^\"]*\" .*|each_namespace add_namespace|up\\(\\) \\{)");
		}
		Matcher netns = Pattern.compile(" netns \"([^\"]*)\"").matcher(script);
		while (netns.find()) {
			assertThat(netns.group(1)).as("veths join only the replay's namespaces").startsWith("${P}");
		}
	}

	@Test
	void secondFamilysValuesReachTheShellWholeWhateverTheyHold(@TempDir Path dir) throws IOException {
		String gateway = "fd00:10:100::1;ip canary";
		String address = "fd00:10:100::3$(ip canary)";
		String bridge = "fd00:10:244:1::1`ip canary`";
		Topology hostile = new Topology("demo", List.of(DUAL.nodeNetworks().get(0),
				new NodeNetwork(IpFamily.IPv6, "fd00:10:100::/64", gateway)),
				List.of(new NodeSpec("node-2", List.of(DUAL.node("node-2").families().get(0),
						new NodeAddresses(address, "fd00:10:244:1::/64", bridge)))), List.of(), List.of());
		Path bin = Shells.bin(dir);
		Path log = dir.resolve("calls");
		// one line per call, its arguments between brackets: a value split or run shows up as another shape
		Shells.command(bin, "ip", "for a in \"$@\"; do printf '[%s]' \"$a\"; done >> " + log + "; echo >> " + log);
		Shells.command(bin, "sysctl", "true");
		Files.writeString(log, "");
		log.toFile().setWritable(true, false);

		for (Path shell : Shells.ALL) {
			Files.writeString(log, "");
			Shells.Run run = Shells.run(shell, DeviceScripts.node(hostile, hostile.node("node-2")), bin);

			assertThat(run.status()).as(shell + ": " + run.stderr()).isZero();
			assertThat(Files.readAllLines(log)).as(shell.toString()).contains(
					"[-6][addr][add][" + address + "/64][dev][eth0][nodad]",
					"[-6][addr][add][" + bridge + "/64][dev][cbr0][nodad]",
					"[-6][route][add][default][via][" + gateway + "][dev][eth0]")
					.doesNotContain("[canary]");
		}
	}

	private static PodEndpoint pod(String name, String node, String ip, String secondaryIp, String hostInterface) {
		return new PodEndpoint(0, Instant.EPOCH, 0, 0, "default", name, 0, node, ip, BigInteger.ZERO, hostInterface,
				List.of(), secondaryIp, BigInteger.ONE);
	}

	private static IPAddress net(String cidr) {
		return Addresses.parseNetwork("destination", cidr);
	}

	private static IPAddress ip(String address) {
		return Addresses.parseAddress("nextHop", address);
	}

	private static JsonNode tree(String singleQuoted) {
		return JSON.readTree(singleQuoted.replace('\'', '"'));
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

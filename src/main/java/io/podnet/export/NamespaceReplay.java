package io.podnet.export;

import io.podnet.export.DeviceCommands.Uplink;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.export.Topology.PodSpec;
import io.podnet.ipam.IpFamily;
import io.podnet.node.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole cluster as one script that builds it for real on one Linux machine: a network
 * namespace per pod, per node and for the gateway, plus one holding the node network's L2 segment
 * (a bridge every eth0 plugs into), each configured with the very commands its device's own script
 * has. Every command names the namespace it acts in ({@code ip -n}, {@code ip netns exec}), and the
 * replay's veth pairs join only its own namespaces: nothing is moved into, or connected to, the
 * namespace the script runs in, so the replay is sealed off from the host's network.
 *
 * <p>Namespace names are a prefix the caller chooses ({@code PODNET_NS_PREFIX}) plus a role:
 * {@code gateway}, {@code nodenet}, {@code node.NAME}, {@code pod.NAMESPACE.NAME}; the dots keep
 * them apart, as Kubernetes names never hold one. Interface names are the devices' own (eth0,
 * cbr0, veth + 8 hex digits) or short ones of the replay's (br0, nodeN, ext0), all inside Linux's
 * 15 characters.
 */
final class NamespaceReplay {

	static final String PREFIX_VARIABLE = "PODNET_NS_PREFIX";
	static final String GATEWAY = "gateway";
	static final String NODE_NETWORK = "nodenet";
	/** The node network's bridge, in {@link #NODE_NETWORK}. */
	static final String SEGMENT_BRIDGE = "br0";
	/** Longest prefix accepted: the longest pod namespace name must stay far below Linux's 255 characters. */
	static final int MAX_PREFIX_LENGTH = 64;

	/**
	 * The uplink of EXTERNAL routes is outside the model; in the replay ext0 stands for it and
	 * discards what it is sent: a dummy device, or, where the kernel has no dummy driver, a veth
	 * whose other end stays down (no ARP, so nothing waits for a neighbour).
	 */
	private static final Uplink UPLINK = new Uplink("ext0", List.of(
			"# ext0 stands for the uplink: a dummy device, or a veth whose other end stays down (a kernel",
			"# without the dummy driver); either discards what it is sent, inside the gateway's namespace",
			ns(GATEWAY).ip("link add ext0 type dummy") + " 2>/dev/null || { " + ns(GATEWAY).ip(
					"link add ext0 type veth peer name ext0-sink") + " && " + ns(GATEWAY).ip("link set ext0 arp off")
					+ "; }",
			ns(GATEWAY).ip("link set ext0 up")));

	private NamespaceReplay() {
	}

	static String nodeNamespace(String node) {
		return "node." + node;
	}

	static String podNamespace(String namespace, String pod) {
		return "pod." + namespace + "." + pod;
	}

	static String script(Topology topology) {
		List<String> namespaces = namespaces(topology);
		Script script = new Script().line("#!/bin/sh");
		header(script, topology);
		script.line("set -eu")
				.blank()
				.line("P=\"${" + PREFIX_VARIABLE + "-podnet-" + topology.cluster() + "-}\"")
				.line("case \"$P\" in")
				.line("*[!A-Za-z0-9._-]*) echo \"" + PREFIX_VARIABLE + " may hold only letters, digits, '.', '_' and"
						+ " '-': '$P'\" >&2; exit 2 ;;")
				.line("esac")
				.line("if [ \"${#P}\" -gt " + MAX_PREFIX_LENGTH + " ]; then echo \"" + PREFIX_VARIABLE + " is longer "
						+ "than " + MAX_PREFIX_LENGTH + " characters\" >&2; exit 2; fi")
				.line("NAMESPACES=\"" + String.join(" ", namespaces) + "\"")
				.blank()
				.comment("Removes every namespace of the replay that exists, and with them their interfaces.")
				.line("down() {")
				.line("\tfor ns in $NAMESPACES; do")
				.line("\t\tip netns delete \"$P$ns\" 2>/dev/null || true")
				.line("\tdone")
				.line("}")
				.blank()
				.line("up() {");
		indented(script, build(topology));
		script.line("}")
				.blank()
				.line("case \"${1:-up}\" in")
				.line("up)")
				.line("\ttrap 'status=$?; if [ \"$status\" -ne 0 ]; then echo \"podnet: building the replay failed;"
						+ " removing it\" >&2; down; fi; exit \"$status\"' EXIT")
				.line("\tdown")
				.line("\tup")
				.line("\t;;")
				.line("down) down ;;")
				.line("*) echo \"usage: " + PREFIX_VARIABLE + "=<prefix> $0 [up|down]\" >&2; exit 2 ;;")
				.line("esac");
		return script.text();
	}

	private static void header(Script script, Topology topology) {
		script.comment("podnet: cluster " + topology.cluster() + " (" + topology.family() + ") replayed in Linux "
				+ "network namespaces.")
				.comment("")
				.comment("A namespace per pod, per node and for the gateway, plus one for the node network's L2")
				.comment("segment: a bridge the gateway's and every node's eth0 plug into. Each device gets the")
				.comment("commands of its own ip-config. Every command names the namespace it acts in; nothing is")
				.comment("moved into, or connected to, the namespace this script runs in (the host's).")
				.comment("")
				.comment("Usage, as root (" + PREFIX_VARIABLE + " keeps replays apart; default podnet-"
						+ topology.cluster() + "-):")
				.comment("  " + PREFIX_VARIABLE + "=demo- sh cluster.sh up     build it, first removing what a run with "
						+ "that prefix left")
				.comment("  " + PREFIX_VARIABLE + "=demo- sh cluster.sh down   remove it; safe to repeat")
				.comment("  then e.g. ip netns exec demo-" + examplePodNamespace(topology) + " ping -c1 ADDRESS")
				.comment("")
				.comment("Namespaces, after the prefix:");
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { GATEWAY, "gateway, eth0 " + topology.onNodeNetwork(topology.gateway()) });
		rows.add(new String[] { NODE_NETWORK, "node network " + topology.nodeNetwork() + ": bridge "
				+ SEGMENT_BRIDGE + " with a port per node and one for the gateway" });
		for (NodeSpec node : topology.nodes()) {
			rows.add(new String[] { nodeNamespace(node.name()), "node " + node.name() + ", eth0 "
					+ topology.onNodeNetwork(node.address()) + ", cbr0 " + node.bridgeCidr() });
		}
		for (PodSpec pod : topology.pods()) {
			rows.add(new String[] { podNamespace(pod.namespace(), pod.name()), "pod " + pod.qualifiedName() + ", eth0 "
					+ topology.podCidr(pod) + " on " + pod.node() + " (host end " + pod.hostInterface() + ")" });
		}
		int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
		rows.forEach(row -> script.comment("  " + row[0] + " ".repeat(width - row[0].length() + 2) + row[1]));
	}

	private static String examplePodNamespace(Topology topology) {
		return topology.pods().isEmpty() ? nodeNamespace(topology.nodes().isEmpty() ? "NAME"
				: topology.nodes().get(0).name()) : podNamespace(topology.pods().get(0).namespace(),
						topology.pods().get(0).name());
	}

	private static List<String> namespaces(Topology topology) {
		List<String> names = new ArrayList<>(List.of(GATEWAY, NODE_NETWORK));
		topology.nodes().forEach(node -> names.add(nodeNamespace(node.name())));
		topology.pods().forEach(pod -> names.add(podNamespace(pod.namespace(), pod.name())));
		return names;
	}

	/** The body of up(): namespaces, the node network's segment, then each device's own commands. */
	private static List<String> build(Topology topology) {
		List<String> lines = new ArrayList<>();
		lines.add("# the namespaces, loopback up; ICMP errors never rate-limited, so traceroute sees every router");
		if (topology.family() == IpFamily.IPv6) {
			lines.add("# no duplicate address detection, for link-local addresses too: until a router's link-local");
			lines.add("# address is confirmed, Linux sends no neighbour solicitation for the packets it forwards");
		}
		lines.add("for ns in $NAMESPACES; do");
		lines.add("\tip netns add \"$P$ns\"");
		lines.add("\tip -n \"$P$ns\" link set lo up");
		lines.add("\tip netns exec \"$P$ns\" sysctl -qw net.ipv4.icmp_ratemask=0" + (topology.family() == IpFamily.IPv6
				? " net.ipv6.icmp.ratemask= net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0" : ""));
		lines.add("done");
		lines.add("");
		Shell segment = ns(NODE_NETWORK);
		lines.add("# the node network " + topology.nodeNetwork() + ": one L2 segment, a bridge with a port per eth0");
		lines.add(segment.ip("link add " + SEGMENT_BRIDGE + " type bridge"));
		lines.add(segment.ip("link set " + SEGMENT_BRIDGE + " up"));
		lines.addAll(plugIntoNodeNetwork(GATEWAY, ns(GATEWAY)));
		for (int i = 0; i < topology.nodes().size(); i++) {
			lines.addAll(plugIntoNodeNetwork("node" + (i + 1),
					ns(nodeNamespace(topology.nodes().get(i).name()))));
		}
		lines.add("");
		lines.add("# gateway");
		lines.addAll(DeviceCommands.gateway(topology, ns(GATEWAY), UPLINK));
		for (NodeSpec node : topology.nodes()) {
			lines.add("");
			lines.add("# node " + node.name());
			lines.addAll(DeviceCommands.node(topology, node, ns(nodeNamespace(node.name()))));
		}
		for (PodSpec pod : topology.pods()) {
			lines.add("");
			lines.add("# pod " + pod.qualifiedName());
			lines.addAll(DeviceCommands.pod(topology, pod, ns(nodeNamespace(pod.node())),
					ns(podNamespace(pod.namespace(), pod.name()))));
		}
		return lines;
	}

	/** A veth pair: eth0 in the device's namespace, the other end a port of the node network's bridge. */
	private static List<String> plugIntoNodeNetwork(String port, Shell device) {
		Shell segment = ns(NODE_NETWORK);
		return List.of(
				segment.ip("link add " + port + " type veth peer name " + Node.UPLINK + " netns " + device.quoted()),
				segment.ip("link set " + port + " master " + SEGMENT_BRIDGE),
				segment.ip("link set " + port + " up"));
	}

	/** A namespace of this replay, as the script names it: the prefix, then the role. */
	private static Shell ns(String name) {
		return Shell.namespace("${P}" + name);
	}

	private static void indented(Script script, List<String> lines) {
		lines.forEach(line -> script.line(line.isEmpty() ? "" : "\t" + line));
	}
}

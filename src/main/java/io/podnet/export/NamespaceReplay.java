package io.podnet.export;

import static io.podnet.export.ShellWords.comment;
import static io.podnet.export.ShellWords.quote;

import io.podnet.export.DeviceCommands.Uplink;
import io.podnet.export.Topology.NodeAddresses;
import io.podnet.export.Topology.NodeNetwork;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import io.podnet.kubenet.Kubenet;
import io.podnet.ipam.IpFamily;
import java.util.List;
import java.util.function.Consumer;

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
 *
 * <p>Names reach the script only through {@link ShellWords}: in commands as quoted words (by way of
 * {@link Shell}), in the header's table and the section headings as comments.
 */
final class NamespaceReplay {

	static final String PREFIX_VARIABLE = "PODNET_NS_PREFIX";
	/** The script's variable holding the prefix, which every namespace name starts with. */
	private static final String PREFIX = "P";
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
		StringBuilder text = new StringBuilder();
		write(topology, text);
		return text.toString();
	}

	/**
	 * Writes the script to {@code out} as it goes, reading the pods once for each of the places they
	 * appear in, so that a cluster of 150,000 pods never sits in memory. A script cut short (the
	 * connection broke) does nothing: everything it builds is inside the function {@code up}, which
	 * the shell refuses to define without its closing brace.
	 */
	static void write(Topology topology, Appendable out) {
		Script script = new Script(out).line("#!/bin/sh");
		header(script, topology);
		script.line("set -eu")
				.blank()
				// unquoted: inside "${VAR-word}" single quotes do not quote (dash and bash would run a $(...) of
				// the word), and an assignment is neither split nor globbed
				.line(PREFIX + "=${" + PREFIX_VARIABLE + "-" + quote("podnet-" + topology.cluster() + "-") + "}")
				.line("case \"$P\" in")
				.line("*[!A-Za-z0-9._-]*) echo \"" + PREFIX_VARIABLE + " may hold only letters, digits, '.', '_' and"
						+ " '-': '$P'\" >&2; exit 2 ;;")
				.line("esac")
				.line("if [ \"${#P}\" -gt " + MAX_PREFIX_LENGTH + " ]; then echo \"" + PREFIX_VARIABLE + " is longer "
						+ "than " + MAX_PREFIX_LENGTH + " characters\" >&2; exit 2; fi");
		script.blank()
				.comment("Runs the command it is given once for each namespace of the replay, with the namespace last.")
				.line("each_namespace() {");
		namespaces(script, topology);
		script.line("\t\t\"$@\" \"$P$ns\"")
				.line("\tdone")
				.line("}")
				.blank()
				.comment("A namespace of the replay, loopback up; ICMP errors never rate-limited, so traceroute sees")
				.comment("every router.");
		if (topology.hasFamily(IpFamily.IPv6)) {
			script.comment("No duplicate address detection, for link-local addresses too: until a router's link-local")
					.comment("address is confirmed, Linux sends no neighbour solicitation for the packets it forwards.");
		}
		script.line("add_namespace() {")
				.line("\tip netns add \"$1\"")
				.line("\tip -n \"$1\" link set lo up")
				.line("\tip netns exec \"$1\" sysctl -qw net.ipv4.icmp_ratemask=0" + (topology.hasFamily(IpFamily.IPv6)
						? " net.ipv6.icmp.ratemask= net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0"
						: ""))
				.line("}")
				.blank()
				.line("remove_namespace() {")
				.line("\tip netns delete \"$1\" 2>/dev/null || true")
				.line("}")
				.blank()
				.comment("Removes every namespace of the replay that exists, and with them their interfaces.")
				.line("down() {")
				.line("\teach_namespace remove_namespace")
				.line("}")
				.blank()
				.line("up() {");
		build(topology, line -> script.line(line.isEmpty() ? "" : "\t" + line));
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
	}

	private static void header(Script script, Topology topology) {
		PodEndpoint firstPod = null;
		int width = Math.max(GATEWAY.length(), NODE_NETWORK.length());
		for (NodeSpec node : topology.nodes()) {
			width = Math.max(width, nodeNamespace(node.name()).length());
		}
		for (PodEndpoint pod : topology.pods()) {
			firstPod = firstPod == null ? pod : firstPod;
			width = Math.max(width, podNamespace(pod.namespace(), pod.name()).length());
		}
		script.comment("podnet: cluster " + topology.cluster() + " (" + and(topology.nodeNetworks().stream().map(n -> n.family().toString()).toList()) + ") replayed in Linux "
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
				.comment("  then e.g. ip netns exec " + quote("demo-" + examplePodNamespace(topology, firstPod))
						+ " ping -c1 ADDRESS")
				.comment("")
				.comment("Namespaces, after the prefix:");
		row(script, width, GATEWAY, "gateway, eth0 " + and(topology.nodeNetworks().stream()
				.map(network -> network.withPrefix(network.gateway())).toList()));
		row(script, width, NODE_NETWORK, "node network " + nodeNetworks(topology) + ": bridge " + SEGMENT_BRIDGE
				+ " with a port per node and one for the gateway");
		for (NodeSpec node : topology.nodes()) {
			row(script, width, nodeNamespace(node.name()), "node " + node.name() + ", eth0 "
					+ and(topology.onNodeNetworks(node)) + ", cbr0 "
					+ and(node.families().stream().map(NodeAddresses::bridgeCidr).toList()));
		}
		for (PodEndpoint pod : topology.pods()) {
			row(script, width, podNamespace(pod.namespace(), pod.name()), "pod " + pod.qualifiedName() + ", eth0 "
					+ and(topology.podCidrs(pod)) + " on " + pod.nodeName() + " (host end " + pod.hostInterface() + ")");
		}
	}

	private static void row(Script script, int width, String namespace, String description) {
		script.comment("  " + namespace + " ".repeat(width - namespace.length() + 2) + description);
	}

	private static String examplePodNamespace(Topology topology, PodEndpoint firstPod) {
		return firstPod == null ? nodeNamespace(topology.nodes().isEmpty() ? "NAME"
				: topology.nodes().get(0).name()) : podNamespace(firstPod.namespace(), firstPod.name());
	}

	/**
	 * The loop over every namespace of the replay, written a name at a time: one quoted word each,
	 * so that a name is one namespace whatever it holds (a list in a variable would be split at
	 * blanks and globbed).
	 */
	private static void namespaces(Script script, Topology topology) {
		script.append("\tfor ns in " + GATEWAY + " " + NODE_NETWORK);
		topology.nodes().forEach(node -> script.append(" " + quote(nodeNamespace(node.name()))));
		topology.pods().forEach(pod -> script.append(" " + quote(podNamespace(pod.namespace(), pod.name()))));
		script.line("; do");
	}

	/** The body of up(), line by line: namespaces, the node network's segment, then each device's own commands. */
	private static void build(Topology topology, Consumer<String> lines) {
		lines.accept("# the namespaces");
		lines.accept("each_namespace add_namespace");
		lines.accept("");
		Shell segment = ns(NODE_NETWORK);
		lines.accept(comment("the node network " + nodeNetworks(topology) + ": one L2 segment, a bridge with a port per eth0"));
		lines.accept(segment.ip("link add " + SEGMENT_BRIDGE + " type bridge"));
		lines.accept(segment.ip("link set " + SEGMENT_BRIDGE + " up"));
		plugIntoNodeNetwork(GATEWAY, ns(GATEWAY)).forEach(lines);
		for (int i = 0; i < topology.nodes().size(); i++) {
			plugIntoNodeNetwork("node" + (i + 1), ns(nodeNamespace(topology.nodes().get(i).name()))).forEach(lines);
		}
		lines.accept("");
		lines.accept("# gateway");
		DeviceCommands.gateway(topology, ns(GATEWAY), UPLINK).forEach(lines);
		for (NodeSpec node : topology.nodes()) {
			lines.accept("");
			lines.accept(comment("node " + node.name()));
			DeviceCommands.node(topology, node, ns(nodeNamespace(node.name()))).forEach(lines);
		}
		for (PodEndpoint pod : topology.pods()) {
			lines.accept("");
			lines.accept(comment("pod " + pod.qualifiedName()));
			DeviceCommands.pod(topology, pod, ns(nodeNamespace(pod.nodeName())),
					ns(podNamespace(pod.namespace(), pod.name()))).forEach(lines);
		}
	}

	/** A veth pair: eth0 in the device's namespace, the other end a port of the node network's bridge. */
	private static List<String> plugIntoNodeNetwork(String port, Shell device) {
		Shell segment = ns(NODE_NETWORK);
		return List.of(
				segment.ip("link add " + port + " type veth peer name " + Kubenet.UPLINK + " netns " + device.quoted()),
				segment.ip("link set " + port + " master " + SEGMENT_BRIDGE),
				segment.ip("link set " + port + " up"));
	}

	/** The node networks, one per family on the one L2 segment: "10.100.0.0/24 and fd00:10:100::/64". */
	private static String nodeNetworks(Topology topology) {
		return and(topology.nodeNetworks().stream().map(NodeNetwork::cidr).toList());
	}

	/** One value per family in a comment: "10.244.0.2/24 and fd00:10:244::2/64". */
	private static String and(List<String> values) {
		return String.join(" and ", values);
	}

	/** A namespace of this replay, as the script names it: the prefix, then the role. */
	private static Shell ns(String name) {
		return Shell.namespace(PREFIX, name);
	}
}

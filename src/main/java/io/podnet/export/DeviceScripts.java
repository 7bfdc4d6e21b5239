package io.podnet.export;

import io.podnet.export.DeviceCommands.Uplink;
import io.podnet.export.Topology.NodeAddresses;
import io.podnet.export.Topology.NodeNetwork;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import java.util.List;
import java.util.function.Function;

/**
 * One device's configuration as a script an operator pastes on that device, or a node agent runs:
 * the gateway, a node, or a pod (run on its node, as the CNI plugin would). Each stops at the
 * first failing command.
 */
final class DeviceScripts {

	/** EXTERNAL routes leave by the gateway's uplink, which podnet does not model: the operator names it. */
	static final Uplink UPLINK = new Uplink("\"$UPLINK\"", List.of(
			"# EXTERNAL routes leave the cluster by the gateway's uplink, which podnet does not model: set",
			"# PODNET_UPLINK to it. Without it they go out ext0, a dummy device that discards what it is sent.",
			"UPLINK=\"${PODNET_UPLINK:-ext0}\"",
			"ip link show \"$UPLINK\" >/dev/null 2>&1 || ip link add \"$UPLINK\" type dummy",
			"ip link set \"$UPLINK\" up"));

	private static final String POD_NETNS = "POD_NETNS";

	private DeviceScripts() {
	}

	static String gateway(Topology topology) {
		return header()
				.comment("podnet: the gateway of cluster " + topology.cluster() + ", " + onNodeNetworks(topology,
						topology.nodeNetworks().stream().map(NodeNetwork::gateway).toList()) + ".")
				.comment("Run as root on the gateway; eth0 is its interface on the node network.")
				.line("set -eu")
				.blank()
				.lines(DeviceCommands.gateway(topology, Shell.DEVICE, UPLINK))
				.text();
	}

	static String node(Topology topology, NodeSpec node) {
		return header()
				.comment("podnet: node " + node.name() + " of cluster " + topology.cluster() + ", "
						+ onNodeNetworks(topology, node.families().stream().map(NodeAddresses::address).toList())
						+ ", " + podSubnets(node) + ".")
				.comment("Run as root on " + node.name() + "; eth0 is its interface on the node network. Each pod's")
				.comment("veth comes with the pod: GET /api/v1/clusters/" + topology.cluster()
						+ "/namespaces/{namespace}/pods/{pod}/ip-config.")
				.line("set -eu")
				.blank()
				.lines(DeviceCommands.node(topology, node, Shell.DEVICE))
				.text();
	}

	static String pod(Topology topology, PodEndpoint pod) {
		NodeSpec node = topology.node(pod.nodeName());
		return header()
				.comment("podnet: pod " + pod.qualifiedName() + " of cluster " + topology.cluster() + ", "
						+ String.join(" and ", Topology.podIps(pod)) + " on node " + node.name() + " (" + podSubnets(node)
						+ ", " + (node.families().size() == 1 ? "gateway " : "gateways ")
						+ joined(node, NodeAddresses::bridgeAddress) + " on cbr0).")
				.comment("Run as root on " + node.name() + " when the pod starts, as the CNI bridge plugin would.")
				.comment("POD_NETNS names the pod's network namespace, the one its pause container holds")
				.comment("(e.g. after `ip netns attach " + ShellWords.quote(pod.name()) + " <pid of the pause container>`).")
				.line("set -eu")
				.line("POD_NETNS=\"${POD_NETNS:?set POD_NETNS to the name of the network namespace of the pod}\"")
				.blank()
				.lines(DeviceCommands.pod(topology, pod, Shell.DEVICE, Shell.namespace(POD_NETNS)))
				.text();
	}

	/**
	 * A device's addresses on the node networks: "10.100.0.2 on the node network 10.100.0.0/24", and
	 * in a dual-stack cluster "10.100.0.2 and fd00:10:100::2 on the node networks 10.100.0.0/24 and
	 * fd00:10:100::/64".
	 */
	private static String onNodeNetworks(Topology topology, List<String> addresses) {
		return String.join(" and ", addresses) + (topology.isDualStack() ? " on the node networks " : " on the node network ")
				+ String.join(" and ", topology.nodeNetworks().stream().map(NodeNetwork::cidr).toList());
	}

	/** "pod subnet 10.244.1.0/24", or "pod subnets 10.244.1.0/24 and fd00:10:244:1::/64". */
	private static String podSubnets(NodeSpec node) {
		return (node.families().size() == 1 ? "pod subnet " : "pod subnets ") + joined(node, NodeAddresses::podSubnet);
	}

	private static String joined(NodeSpec node, Function<NodeAddresses, String> value) {
		return String.join(" and ", node.families().stream().map(value).toList());
	}

	private static Script header() {
		return new Script().line("#!/bin/sh");
	}
}

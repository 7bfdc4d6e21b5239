package io.podnet.export;

import io.podnet.export.DeviceCommands.Uplink;
import io.podnet.export.Topology.NodeSpec;
import io.podnet.pod.PodEndpoint;
import java.util.List;

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
				.comment("podnet: the gateway of cluster " + topology.cluster() + ", " + topology.gateway()
						+ " on the node network " + topology.nodeNetwork() + ".")
				.comment("Run as root on the gateway; eth0 is its interface on the node network.")
				.line("set -eu")
				.blank()
				.lines(DeviceCommands.gateway(topology, Shell.DEVICE, UPLINK))
				.text();
	}

	static String node(Topology topology, NodeSpec node) {
		return header()
				.comment("podnet: node " + node.name() + " of cluster " + topology.cluster() + ", " + node.address()
						+ " on the node network " + topology.nodeNetwork() + ", pod subnet " + node.podSubnet() + ".")
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
				.comment("podnet: pod " + pod.qualifiedName() + " of cluster " + topology.cluster() + ", " + pod.ip()
						+ " on node " + node.name() + " (pod subnet " + node.podSubnet() + ", gateway "
						+ node.bridgeAddress() + " on cbr0).")
				.comment("Run as root on " + node.name() + " when the pod starts, as the CNI bridge plugin would.")
				.comment("POD_NETNS names the pod's network namespace, the one its pause container holds")
				.comment("(e.g. after `ip netns attach " + ShellWords.quote(pod.name()) + " <pid of the pause container>`).")
				.line("set -eu")
				.line("POD_NETNS=\"${POD_NETNS:?set POD_NETNS to the name of the network namespace of the pod}\"")
				.blank()
				.lines(DeviceCommands.pod(topology, pod, Shell.DEVICE, Shell.namespace(POD_NETNS)))
				.text();
	}

	private static Script header() {
		return new Script().line("#!/bin/sh");
	}
}

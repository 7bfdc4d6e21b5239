package io.podnet.export;

import io.podnet.ipam.IpFamily;

/**
 * Where configuration commands run. On the device itself an operator types plain {@code ip} and
 * {@code sysctl}; aimed at a named network namespace, the same commands become {@code ip -n NS} and
 * {@code ip netns exec NS sysctl}, so they never touch the namespace of the shell that runs them.
 *
 * @param netns a shell word naming the namespace, expanded when the script runs ({@code ${P}node.node-1},
 *        {@code $POD_NETNS}); null for the device's own shell
 */
record Shell(String netns) {

	/** The device's own shell: what an operator pastes on the gateway, a node or a pod's node. */
	static final Shell DEVICE = new Shell(null);

	static Shell namespace(String netns) {
		return new Shell(netns);
	}

	/** An ip(8) command that does not depend on the address family: links, bridges, veths. */
	String ip(String arguments) {
		return netns == null ? "ip " + arguments : "ip -n " + quoted() + " " + arguments;
	}

	/** An ip(8) command on addresses or routes of the family: {@code ip -6} for IPv6. */
	String ip(IpFamily family, String arguments) {
		return ip(family == IpFamily.IPv6 ? "-6 " + arguments : arguments);
	}

	String sysctl(String key, String value) {
		return netns == null ? "sysctl -w " + key + "=" + value
				: "ip netns exec " + quoted() + " sysctl -qw " + key + "=" + value;
	}

	/** The namespace as an argument of another command, e.g. {@code ... peer name eth0 netns "$POD_NETNS"}. */
	String quoted() {
		if (netns == null) {
			throw new IllegalStateException("the device's own shell has no namespace name");
		}
		return "\"" + netns + "\"";
	}
}

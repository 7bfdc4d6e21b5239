package io.podnet.export;

import io.podnet.ipam.IpFamily;
import java.util.regex.Pattern;

/**
 * Where configuration commands run. On the device itself an operator types plain {@code ip} and
 * {@code sysctl}; aimed at a named network namespace, the same commands become {@code ip -n NS} and
 * {@code ip netns exec NS sysctl}, so they never touch the namespace of the shell that runs them.
 *
 * <p>A namespace is named by a variable the script sets, then a name of podnet's: {@code "$POD_NETNS"},
 * {@code "${P}node.node-1"}. The name goes through {@link ShellWords}, whatever it holds.
 *
 * @param variable the shell variable the namespace's name starts with; null for the device's own shell
 * @param name what follows the variable's value, possibly empty
 */
record Shell(String variable, String name) {

	/** The device's own shell: what an operator pastes on the gateway, a node or a pod's node. */
	static final Shell DEVICE = new Shell(null, "");

	private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	Shell {
		if (variable != null && !VARIABLE.matcher(variable).matches()) {
			throw new IllegalArgumentException("not a shell variable name: " + variable);
		}
	}

	/** The namespace the variable names, e.g. {@code POD_NETNS}. */
	static Shell namespace(String variable) {
		return new Shell(variable, "");
	}

	/** The namespace named by the variable's value followed by {@code name}, e.g. {@code P} and {@code node.node-1}. */
	static Shell namespace(String variable, String name) {
		return new Shell(variable, name);
	}

	/** An ip(8) command that does not depend on the address family: links, bridges, veths. */
	String ip(String arguments) {
		return variable == null ? "ip " + arguments : "ip -n " + quoted() + " " + arguments;
	}

	/** An ip(8) command on addresses or routes of the family: {@code ip -6} for IPv6. */
	String ip(IpFamily family, String arguments) {
		return ip(family == IpFamily.IPv6 ? "-6 " + arguments : arguments);
	}

	String sysctl(String key, String value) {
		return variable == null ? "sysctl -w " + key + "=" + value
				: "ip netns exec " + quoted() + " sysctl -qw " + key + "=" + value;
	}

	/** The namespace as an argument of another command, e.g. {@code ... peer name eth0 netns "$POD_NETNS"}. */
	String quoted() {
		if (variable == null) {
			throw new IllegalStateException("the device's own shell has no namespace name");
		}
		return name.isEmpty() ? "\"$" + variable + "\""
				: "\"${" + variable + "}" + ShellWords.withinDoubleQuotes(name) + "\"";
	}
}

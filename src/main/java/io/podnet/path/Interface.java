package io.podnet.path;

import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * One network interface of a device: its address on a link and the L2 segment it is attached to.
 * Two interfaces can exchange frames only when they share a segment; the node network is one
 * segment (gateway and every node's eth0), and each node's cbr0 is a segment of its own holding
 * the bridge and every local pod's eth0.
 *
 * @param name the interface name inside the device: eth0, cbr0
 * @param address the interface's address, without prefix length (10.244.0.2)
 * @param prefixLength the length of the link's prefix (24 for 10.244.0.2/24)
 * @param segment the name of the L2 segment the interface is attached to
 * @param type how the interface is attached to its segment
 * @param hostVeth for a pod's eth0, the host-side end of its veth pair (a port of the node's
 *        bridge), when known; null otherwise
 */
public record Interface(String name, IPAddress address, int prefixLength, String segment, Type type,
		String hostVeth) {

	/** Linux's IFNAMSIZ leaves 15 characters for an interface name. */
	private static final int MAX_NAME_LENGTH = 15;

	/** How an interface is attached to its segment. */
	public enum Type {
		/** A plain link into a shared segment, like a node's or the gateway's eth0. */
		ETHERNET,
		/** A Linux bridge (cbr0): the other interfaces of its segment hang off its ports. */
		BRIDGE,
		/** A pod's eth0: one end of a veth pair whose other end is a port of the node's bridge. */
		VETH
	}

	public Interface {
		requireName(name, "interface name");
		Objects.requireNonNull(address, "address");
		if (segment == null || segment.isBlank()) {
			throw new IllegalArgumentException("interface " + name + " is attached to no segment");
		}
		Objects.requireNonNull(type, "type");
		if (hostVeth != null) {
			if (type != Type.VETH) {
				throw new IllegalArgumentException("only a veth interface has a host-side veth, not " + name);
			}
			requireName(hostVeth, "host-side veth name");
		}
		int bits = address.getBitCount();
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("prefix length " + prefixLength + " of " + name + " is outside 0-" + bits);
		}
		address = address.withoutPrefixLength();
	}

	/** A plain link such as {@code eth0 10.100.0.2/24} on the node network. */
	public static Interface ethernet(String name, IPAddress addressWithPrefix, String segment) {
		return new Interface(name, addressWithPrefix, prefixOf(addressWithPrefix), segment, Type.ETHERNET, null);
	}

	/** A node's bridge, e.g. {@code cbr0 10.244.0.1/24}; its segment holds the node's pods. */
	public static Interface bridge(String name, IPAddress addressWithPrefix, String segment) {
		return new Interface(name, addressWithPrefix, prefixOf(addressWithPrefix), segment, Type.BRIDGE, null);
	}

	/** A pod's eth0 on its node's bridge segment; {@code hostVeth} may be null when unknown. */
	public static Interface veth(String name, IPAddress addressWithPrefix, String segment, String hostVeth) {
		return new Interface(name, addressWithPrefix, prefixOf(addressWithPrefix), segment, Type.VETH, hostVeth);
	}

	/** The address as {@code ip addr} shows it: 10.244.0.2/24. */
	public String cidr() {
		return address.toCanonicalString() + "/" + prefixLength;
	}

	private static int prefixOf(IPAddress address) {
		Integer length = address.getNetworkPrefixLength();
		if (length == null) {
			throw new IllegalArgumentException("interface address " + address + " needs a prefix length, e.g. 10.244.0.2/24");
		}
		return length;
	}

	private static void requireName(String name, String what) {
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(what + " '" + name + "' must be 1-" + MAX_NAME_LENGTH + " characters");
		}
	}
}

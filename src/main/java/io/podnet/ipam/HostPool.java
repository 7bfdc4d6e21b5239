package io.podnet.ipam;

import inet.ipaddr.IPAddress;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
import java.util.Set;

/**
 * The host addresses of one subnet that may be handed out: node addresses on the node network
 * (everything but the network address, the gateway and the IPv4 broadcast) or pod IPs on a
 * node's pod subnet (everything after the bridge, again never the broadcast; see host-local CNI
 * and kubernetes#31630, where .255 was once handed out).
 */
public record HostPool(IPAddress network, BigInteger first, Set<BigInteger> reserved) {

	/** Node addresses: from the first address after the network address, the gateway skipped. */
	public static HostPool nodeAddresses(IPAddress nodeNetwork, IPAddress gateway) {
		return new HostPool(nodeNetwork, Addresses.valueOf(nodeNetwork).add(BigInteger.ONE),
				Set.of(Addresses.valueOf(gateway)));
	}

	/** Pod IPs: the bridge holds the first address, pods start at the second. */
	public static HostPool podAddresses(IPAddress podSubnet) {
		return new HostPool(podSubnet, Addresses.valueOf(podSubnet).add(BigInteger.TWO), Set.of());
	}

	/** How many can be handed out, but no more than {@code limit} (a node's maxPodsPerNode). */
	public int capacity(int limit) {
		return usable().min(BigInteger.valueOf(limit)).intValueExact();
	}

	public IpFamily family() {
		return IpFamily.of(network);
	}

	/** The last address that may be handed out: the IPv4 broadcast address never is. */
	public BigInteger last() {
		BigInteger upper = network.getUpper().getValue();
		return family() == IpFamily.IPv4 ? upper.subtract(BigInteger.ONE) : upper;
	}

	public AllocationRange range() {
		return new AllocationRange(first, last(), BigInteger.ONE);
	}

	/** How many addresses can be handed out in all. */
	public BigInteger usable() {
		AllocationRange range = range();
		long reservedInside = reserved.stream().filter(range::contains).count();
		return range.size().subtract(BigInteger.valueOf(reservedInside)).max(BigInteger.ZERO);
	}

	public IPAddress addressAt(BigInteger value) {
		return Addresses.fromValue(family(), value);
	}

	/** Parses an address a user asked for and checks that this pool may hand it out. */
	public IPAddress requested(String field, String text) {
		IPAddress address = Addresses.parseAddress(field, text);
		BigInteger value = Addresses.valueOf(address);
		String expected = "an address of " + Addresses.format(network) + " from "
				+ Addresses.format(addressAt(first)) + " to " + Addresses.format(addressAt(last()))
				+ (reserved.isEmpty() ? "" : ", except " + reserved.stream().map(this::addressAt)
						.map(Addresses::format).sorted().toList());
		if (address.isIPv4() != network.isIPv4()) {
			throw new InvalidValue(field, text, "is " + IpFamily.of(address) + " but the network is "
					+ family() + "; expected " + expected);
		}
		if (!range().contains(value) || reserved.contains(value)) {
			throw new InvalidValue(field, text, "cannot be handed out; expected " + expected);
		}
		return address;
	}
}

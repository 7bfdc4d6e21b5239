package io.podnet.ipam;

import inet.ipaddr.IPAddress;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;

/**
 * The node subnets (podCIDRs) a cluster's pod network is carved into, all of one prefix length,
 * like kube-controller-manager's {@code --cluster-cidr} and {@code --node-cidr-mask-size}. Any
 * size works: positions are numbers, never a bitmap.
 */
public record SubnetPool(IPAddress podNetwork, int subnetPrefixLength) {

	public IpFamily family() {
		return IpFamily.of(podNetwork);
	}

	/** Addresses in one node subnet. */
	public BigInteger subnetSize() {
		return BigInteger.ONE.shiftLeft(family().bits() - subnetPrefixLength);
	}

	/** How many node subnets the pod network holds. */
	public BigInteger total() {
		return BigInteger.ONE.shiftLeft(subnetPrefixLength - podNetwork.getNetworkPrefixLength());
	}

	/** The network addresses of all node subnets, in address order. */
	public AllocationRange range() {
		BigInteger first = Addresses.valueOf(podNetwork);
		BigInteger last = podNetwork.getUpper().getValue().subtract(subnetSize()).add(BigInteger.ONE);
		return new AllocationRange(first, last, subnetSize());
	}

	public IPAddress subnetAt(BigInteger networkValue) {
		return Addresses.blockFromValue(family(), networkValue, subnetPrefixLength);
	}

	/** Parses a subnet a user asked for and checks that it is one of this pool's subnets. */
	public IPAddress requested(String field, String text) {
		IPAddress subnet = Addresses.parseNetwork(field, text);
		String expected = "a /" + subnetPrefixLength + " inside the pod network " + Addresses.format(podNetwork);
		if (subnet.isIPv4() != podNetwork.isIPv4()) {
			throw new InvalidValue(field, text, "is " + IpFamily.of(subnet) + " but the cluster is "
					+ family() + "; expected " + expected);
		}
		if (subnet.getNetworkPrefixLength() != subnetPrefixLength) {
			throw new InvalidValue(field, text, "has prefix length /" + subnet.getNetworkPrefixLength()
					+ " but this cluster's node subnets are /" + subnetPrefixLength + "; expected " + expected);
		}
		if (!podNetwork.contains(subnet)) {
			throw new InvalidValue(field, text, "is outside the pod network; expected " + expected);
		}
		return subnet;
	}
}

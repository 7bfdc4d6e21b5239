package io.podnet.cluster;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;

/**
 * The validated address plan of a new cluster: node network and its gateway, pod network and the
 * prefix length of each node's subnet. Every rule that makes the plan unusable is checked here,
 * once, with a message that says what would be valid.
 */
record ClusterNetworks(IPAddress nodeNetwork, IPAddress gateway, IPAddress podNetwork, int nodeSubnetPrefixLength) {

	/** An IPv4 subnet needs network, bridge, one pod and broadcast: at most a /30. */
	static final int MAX_IPV4_SUBNET_PREFIX = 30;
	/** An IPv6 subnet needs the network (subnet-router anycast) address, bridge and one pod. */
	static final int MAX_IPV6_SUBNET_PREFIX = 126;

	private static final String NODE_NETWORK_EXAMPLE = "10.100.0.0/24 or fd00:10:100::/64";
	private static final String POD_NETWORK_EXAMPLE = "10.244.0.0/16 or fd00:10:244::/56";

	static ClusterNetworks of(String nodeNetworkText, String gatewayText, String podNetworkText,
			Integer nodeSubnetPrefixLength) {
		IPAddress nodeNetwork = Addresses.parseNetwork("nodeNetwork", nodeNetworkText);
		IPAddress podNetwork = Addresses.parseNetwork("podNetwork", podNetworkText);
		IpFamily family = IpFamily.of(nodeNetwork);
		if (IpFamily.of(podNetwork) != family) {
			throw new InvalidValue("podNetwork", podNetworkText, "is " + IpFamily.of(podNetwork)
					+ " but nodeNetwork is " + family + "; a cluster has one address family");
		}
		SpecialRanges.checkNetwork("nodeNetwork", nodeNetworkText, nodeNetwork, NODE_NETWORK_EXAMPLE);
		SpecialRanges.checkNetwork("podNetwork", podNetworkText, podNetwork, POD_NETWORK_EXAMPLE);
		if (nodeNetwork.overlaps(podNetwork)) {
			throw new InvalidValue("podNetwork", podNetworkText, "overlaps the node network "
					+ Addresses.format(nodeNetwork) + "; pods and nodes need disjoint address ranges");
		}
		int maxPrefix = maxSubnetPrefix(family);
		if (nodeNetwork.getNetworkPrefixLength() > maxPrefix) {
			throw new InvalidValue("nodeNetwork", nodeNetworkText, "leaves no room for a gateway and a node;"
					+ " expected a prefix length of at most /" + maxPrefix);
		}
		IPAddress gateway = gateway(nodeNetwork, gatewayText);
		int prefix = nodeSubnetPrefixLength != null ? nodeSubnetPrefixLength : (family == IpFamily.IPv4 ? 24 : 64);
		int podPrefix = podNetwork.getNetworkPrefixLength();
		if (podPrefix > maxPrefix) {
			// otherwise the node prefix check below would answer "expected 31 to 30"
			throw new InvalidValue("podNetwork", podNetworkText, "is too small for one node subnet; expected a prefix"
					+ " length of at most /" + maxPrefix + " (room for the bridge address plus one pod)");
		}
		if (prefix < podPrefix || prefix > maxPrefix) {
			String why = prefix < podPrefix
					? "is shorter than the pod network's /" + podPrefix + ", so a node subnet would not fit in it"
					: "leaves no room for the bridge address plus one pod";
			throw new InvalidValue("nodeSubnetPrefixLength", prefix, why + "; expected " + podPrefix + " to "
					+ maxPrefix + " for the pod network " + Addresses.format(podNetwork));
		}
		return new ClusterNetworks(nodeNetwork, gateway, podNetwork, prefix);
	}

	private static int maxSubnetPrefix(IpFamily family) {
		return family == IpFamily.IPv4 ? MAX_IPV4_SUBNET_PREFIX : MAX_IPV6_SUBNET_PREFIX;
	}

	/** The given gateway, checked; by default the first usable address of the node network. */
	private static IPAddress gateway(IPAddress nodeNetwork, String gatewayText) {
		BigInteger network = Addresses.valueOf(nodeNetwork);
		IpFamily family = IpFamily.of(nodeNetwork);
		if (gatewayText == null) {
			return Addresses.fromValue(family, network.add(BigInteger.ONE));
		}
		IPAddress gateway = Addresses.parseAddress("gateway", gatewayText);
		SpecialRanges.checkAddress("gateway", gatewayText, gateway, false,
				"a host address inside the node network " + Addresses.format(nodeNetwork));
		BigInteger value = Addresses.valueOf(gateway);
		BigInteger broadcast = nodeNetwork.getUpper().getValue();
		String expected = "expected a host address inside the node network " + Addresses.format(nodeNetwork);
		if (IpFamily.of(gateway) != family || !nodeNetwork.contains(gateway)) {
			throw new InvalidValue("gateway", gatewayText, "is outside the node network; " + expected);
		}
		if (value.equals(network)) {
			throw new InvalidValue("gateway", gatewayText, "is the node network's network address; " + expected);
		}
		if (family == IpFamily.IPv4 && value.equals(broadcast)) {
			throw new InvalidValue("gateway", gatewayText, "is the node network's broadcast address; " + expected);
		}
		return gateway;
	}
}

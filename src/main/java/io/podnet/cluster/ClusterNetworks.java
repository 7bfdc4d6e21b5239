package io.podnet.cluster;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.problem.InvalidValue;
import io.podnet.ipam.SubnetPool;
import java.math.BigInteger;

/**
 * The validated address plan of one address family of a cluster: node network and its gateway, pod
 * network and the prefix length of each node's subnet. A single-stack cluster has one, a dual-stack
 * cluster one per family (see {@link ClusterFamilies}). Every rule that makes the plan unusable is
 * checked here, once, with a message that says what would be valid.
 */
public record ClusterNetworks(IPAddress nodeNetwork, IPAddress gateway, IPAddress podNetwork,
		int nodeSubnetPrefixLength) {

	/**
	 * The names of the request's fields a family's values came from, for the messages: "podNetwork"
	 * in the single-stack form, "podNetworks[1]" in the list form.
	 */
	record Fields(String nodeNetwork, String gateway, String podNetwork, String nodeSubnetPrefixLength) {

		static final Fields SINGLE = new Fields("nodeNetwork", "gateway", "podNetwork", "nodeSubnetPrefixLength");

		/** The fields of the family at that index of the lists; index 0 is named as in the single-stack form if given so. */
		static Fields listed(int index) {
			String at = "[" + index + "]";
			return new Fields("nodeNetworks" + at, "gateways" + at, "podNetworks" + at, "nodeSubnetPrefixLengths" + at);
		}
	}

	public IpFamily family() {
		return IpFamily.of(podNetwork);
	}

	/** The node subnets (podCIDRs) this family's pod network is carved into. */
	public SubnetPool nodeSubnets() {
		return new SubnetPool(podNetwork, nodeSubnetPrefixLength);
	}

	/** The addresses nodes can have on this family's node network. */
	public HostPool nodeAddresses() {
		return HostPool.nodeAddresses(nodeNetwork, gateway);
	}

	/** An IPv4 subnet needs network, bridge, one pod and broadcast: at most a /30. */
	static final int MAX_IPV4_SUBNET_PREFIX = 30;
	/** An IPv6 subnet needs the network (subnet-router anycast) address, bridge and one pod. */
	static final int MAX_IPV6_SUBNET_PREFIX = 126;

	private static final String NODE_NETWORK_EXAMPLE = "10.100.0.0/24 or fd00:10:100::/64";
	private static final String POD_NETWORK_EXAMPLE = "10.244.0.0/16 or fd00:10:244::/56";

	static ClusterNetworks of(String nodeNetworkText, String gatewayText, String podNetworkText,
			Integer nodeSubnetPrefixLength) {
		return of(Fields.SINGLE, nodeNetworkText, gatewayText, podNetworkText, nodeSubnetPrefixLength);
	}

	static ClusterNetworks of(Fields fields, String nodeNetworkText, String gatewayText, String podNetworkText,
			Integer nodeSubnetPrefixLength) {
		IPAddress nodeNetwork = Addresses.parseNetwork(fields.nodeNetwork(), nodeNetworkText);
		IPAddress podNetwork = Addresses.parseNetwork(fields.podNetwork(), podNetworkText);
		IpFamily family = IpFamily.of(nodeNetwork);
		if (IpFamily.of(podNetwork) != family) {
			throw new InvalidValue(fields.podNetwork(), podNetworkText, "is " + IpFamily.of(podNetwork)
					+ " but " + fields.nodeNetwork() + " is " + family + "; a family's pod network and node network"
					+ " are of one address family");
		}
		SpecialRanges.checkNetwork(fields.nodeNetwork(), nodeNetworkText, nodeNetwork, NODE_NETWORK_EXAMPLE);
		SpecialRanges.checkNetwork(fields.podNetwork(), podNetworkText, podNetwork, POD_NETWORK_EXAMPLE);
		if (nodeNetwork.overlaps(podNetwork)) {
			throw new InvalidValue(fields.podNetwork(), podNetworkText, "overlaps the node network "
					+ Addresses.format(nodeNetwork) + "; pods and nodes need disjoint address ranges");
		}
		int maxPrefix = maxSubnetPrefix(family);
		if (nodeNetwork.getNetworkPrefixLength() > maxPrefix) {
			throw new InvalidValue(fields.nodeNetwork(), nodeNetworkText, "leaves no room for a gateway and a node;"
					+ " expected a prefix length of at most /" + maxPrefix);
		}
		IPAddress gateway = gateway(fields.gateway(), nodeNetwork, gatewayText);
		int prefix = nodeSubnetPrefixLength != null ? nodeSubnetPrefixLength : (family == IpFamily.IPv4 ? 24 : 64);
		int podPrefix = podNetwork.getNetworkPrefixLength();
		if (podPrefix > maxPrefix) {
			// otherwise the node prefix check below would answer "expected 31 to 30"
			throw new InvalidValue(fields.podNetwork(), podNetworkText, "is too small for one node subnet; expected a prefix"
					+ " length of at most /" + maxPrefix + " (room for the bridge address plus one pod)");
		}
		if (prefix < podPrefix || prefix > maxPrefix) {
			String why = prefix < podPrefix
					? "is shorter than the pod network's /" + podPrefix + ", so a node subnet would not fit in it"
					: "leaves no room for the bridge address plus one pod";
			throw new InvalidValue(fields.nodeSubnetPrefixLength(), prefix, why + "; expected " + podPrefix + " to "
					+ maxPrefix + " for the pod network " + Addresses.format(podNetwork));
		}
		return new ClusterNetworks(nodeNetwork, gateway, podNetwork, prefix);
	}

	private static int maxSubnetPrefix(IpFamily family) {
		return family == IpFamily.IPv4 ? MAX_IPV4_SUBNET_PREFIX : MAX_IPV6_SUBNET_PREFIX;
	}

	/** The given gateway, checked; by default the first usable address of the node network. */
	private static IPAddress gateway(String field, IPAddress nodeNetwork, String gatewayText) {
		BigInteger network = Addresses.valueOf(nodeNetwork);
		IpFamily family = IpFamily.of(nodeNetwork);
		if (gatewayText == null) {
			return Addresses.fromValue(family, network.add(BigInteger.ONE));
		}
		IPAddress gateway = Addresses.parseAddress(field, gatewayText);
		SpecialRanges.checkAddress(field, gatewayText, gateway, false,
				"a host address inside the node network " + Addresses.format(nodeNetwork));
		BigInteger value = Addresses.valueOf(gateway);
		BigInteger broadcast = nodeNetwork.getUpper().getValue();
		String expected = "expected a host address inside the node network " + Addresses.format(nodeNetwork);
		if (IpFamily.of(gateway) != family || !nodeNetwork.contains(gateway)) {
			throw new InvalidValue(field, gatewayText, "is outside the node network; " + expected);
		}
		if (value.equals(network)) {
			throw new InvalidValue(field, gatewayText, "is the node network's network address; " + expected);
		}
		if (family == IpFamily.IPv4 && value.equals(broadcast)) {
			throw new InvalidValue(field, gatewayText, "is the node network's broadcast address; " + expected);
		}
		return gateway;
	}
}

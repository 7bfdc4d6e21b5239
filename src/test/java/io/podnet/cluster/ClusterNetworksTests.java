package io.podnet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.ipam.Addresses;
import io.podnet.problem.InvalidValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address plan of a new cluster: what is refused, with which field, and the defaults. */
class ClusterNetworksTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                          | node network       | gateway         | pod network       | node prefix | gateway filled   | node prefix filled
			the article: defaults for IPv4          | 10.100.0.0/24      | -               | 10.244.0.0/16     | -           | 10.100.0.1       | 24
			defaults for IPv6                       | fd00:10:100::/64   | -               | fd00:10:244::/56  | -           | fd00:10:100::1   | 64
			a given IPv4 gateway is kept            | 10.100.0.0/24      | 10.100.0.254    | 10.244.0.0/16     | -           | 10.100.0.254     | 24
			a given IPv6 gateway is kept            | fd00:10:100::/64   | fd00:10:100::fe | fd00:10:244::/56  | -           | fd00:10:100::fe  | 64
			a given node prefix is kept             | 10.100.0.0/24      | -               | 10.244.0.0/16     | 26          | 10.100.0.1       | 26
			node prefix equal to the pod network's  | 10.100.0.0/24      | -               | 10.244.0.0/16     | 16          | 10.100.0.1       | 16
			the longest IPv4 node prefix: /30       | 10.100.0.0/24      | -               | 10.244.0.0/16     | 30          | 10.100.0.1       | 30
			the longest IPv6 node prefix: /126      | fd00:10:100::/64   | -               | fd00:10:244::/56  | 126         | fd00:10:100::1   | 126
			the smallest IPv4 node network: /30     | 10.100.0.0/30      | -               | 10.244.0.0/16     | -           | 10.100.0.1       | 24
			the smallest IPv6 node network: /126    | fd00:10:100::/126  | -               | fd00:10:244::/56  | -           | fd00:10:100::1   | 64
			the IPv6 gateway may be the last address | fd00:10:100::/126 | fd00:10:100::3  | fd00:10:244::/56  | -           | fd00:10:100::3   | 64
			a pod network just after the node network | 10.100.0.0/24    | -               | 10.100.1.0/24     | -           | 10.100.0.1       | 24
			IPv6 /32 pod network into /64           | fd00:10:100::/64   | -               | 2001:db8::/32     | -           | fd00:10:100::1   | 64
			""")
	void validPlansGetTheirDefaults(String description, String nodeNetwork, String gateway, String podNetwork,
			Integer nodePrefix, String gatewayFilled, int nodePrefixFilled) {
		ClusterNetworks networks = ClusterNetworks.of(nodeNetwork, gateway, podNetwork, nodePrefix);

		assertThat(Addresses.format(networks.nodeNetwork())).isEqualTo(nodeNetwork);
		assertThat(Addresses.format(networks.podNetwork())).isEqualTo(podNetwork);
		assertThat(Addresses.format(networks.gateway())).isEqualTo(gatewayFilled);
		assertThat(networks.nodeSubnetPrefixLength()).isEqualTo(nodePrefixFilled);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                                   | node network       | gateway          | pod network       | node prefix | field                  | the detail says
			pod network with host bits                       | 10.100.0.0/24      | -                | 10.244.0.1/16     | -           | podNetwork             | did you mean 10.244.0.0/16?
			node network with host bits                      | 10.100.0.7/24      | -                | 10.244.0.0/16     | -           | nodeNetwork            | did you mean 10.100.0.0/24?
			IPv6 pod network with host bits                  | fd00:10:100::/64   | -                | fd00:10:244::1/56 | -           | podNetwork             | did you mean fd00:10:244::/56?
			pod network without prefix                       | 10.100.0.0/24      | -                | 10.244.0.0        | -           | podNetwork             | has no prefix length
			pod network inside the node network              | 10.100.0.0/16      | -                | 10.100.8.0/24     | -           | podNetwork             | overlaps the node network 10.100.0.0/16
			node network inside the pod network              | 10.244.7.0/24      | -                | 10.244.0.0/16     | -           | podNetwork             | overlaps the node network 10.244.7.0/24
			the same network twice                           | 10.244.0.0/16      | -                | 10.244.0.0/16     | -           | podNetwork             | overlaps
			IPv6 overlap                                     | fd00:10::/32       | -                | fd00:10:244::/56  | -           | podNetwork             | overlaps the node network fd00:10::/32
			IPv4 node network, IPv6 pod network              | 10.100.0.0/24      | -                | fd00:10:244::/56  | -           | podNetwork             | is IPv6 but nodeNetwork is IPv4
			IPv6 node network, IPv4 pod network              | fd00:10:100::/64   | -                | 10.244.0.0/16     | -           | podNetwork             | is IPv4 but nodeNetwork is IPv6
			IPv4-mapped pod network with an IPv4 node network | 10.100.0.0/24     | -                | ::ffff:10.244.0.0/112 | -       | podNetwork             | is IPv6 but nodeNetwork is IPv4
			node prefix shorter than the pod network's        | 10.100.0.0/24     | -                | 10.244.0.0/16     | 15          | nodeSubnetPrefixLength | shorter than the pod network's /16
			IPv6 node prefix shorter than the pod network's   | fd00:10:100::/64  | -                | fd00:10:244::/56  | 48          | nodeSubnetPrefixLength | shorter than the pod network's /56
			IPv4 /31 node subnets: no room for bridge and pod | 10.100.0.0/24     | -                | 10.244.0.0/16     | 31          | nodeSubnetPrefixLength | leaves no room for the bridge address plus one pod
			IPv4 /32 node subnets                             | 10.100.0.0/24     | -                | 10.244.0.0/16     | 32          | nodeSubnetPrefixLength | expected 16 to 30
			IPv4 node prefix beyond 32                        | 10.100.0.0/24     | -                | 10.244.0.0/16     | 64          | nodeSubnetPrefixLength | expected 16 to 30
			IPv6 /127 node subnets: no room                   | fd00:10:100::/64  | -                | fd00:10:244::/56  | 127         | nodeSubnetPrefixLength | leaves no room for the bridge address plus one pod
			IPv6 /128 node subnets                            | fd00:10:100::/64  | -                | fd00:10:244::/56  | 128         | nodeSubnetPrefixLength | expected 56 to 126
			IPv4 default /24 shorter than a /25 pod network    | 10.100.0.0/24     | -                | 10.244.0.0/25     | -           | nodeSubnetPrefixLength | shorter than the pod network's /25
			IPv6 default /64 shorter than a /96 pod network   | fd00:10:100::/64  | -                | fd00:10:244::/96  | -           | nodeSubnetPrefixLength | shorter than the pod network's /96
			gateway outside the IPv4 node network             | 10.100.0.0/24     | 10.100.1.1       | 10.244.0.0/16     | -           | gateway                | is outside the node network
			gateway outside the IPv6 node network             | fd00:10:100::/64  | fd00:10:101::1   | fd00:10:244::/56  | -           | gateway                | is outside the node network
			IPv6 gateway in an IPv4 cluster                   | 10.100.0.0/24     | fd00::1          | 10.244.0.0/16     | -           | gateway                | is outside the node network
			gateway on the IPv4 network address               | 10.100.0.0/24     | 10.100.0.0       | 10.244.0.0/16     | -           | gateway                | network address
			gateway on the IPv6 network address               | fd00:10:100::/64  | fd00:10:100::    | fd00:10:244::/56  | -           | gateway                | network address
			gateway on the IPv4 broadcast address             | 10.100.0.0/24     | 10.100.0.255     | 10.244.0.0/16     | -           | gateway                | broadcast address
			gateway with a prefix length                      | 10.100.0.0/24     | 10.100.0.1/24    | 10.244.0.0/16     | -           | gateway                | without a prefix length
			gateway that is not an address                    | 10.100.0.0/24     | router           | 10.244.0.0/16     | -           | gateway                | not valid
			IPv4 /31 node network: no room for gateway + node | 10.100.0.0/31     | -                | 10.244.0.0/16     | -           | nodeNetwork            | leaves no room for a gateway and a node
			IPv4 /32 node network                             | 10.100.0.0/32     | -                | 10.244.0.0/16     | -           | nodeNetwork            | at most /30
			IPv6 /127 node network                            | fd00:10:100::/127 | -                | fd00:10:244::/56  | -           | nodeNetwork            | at most /126
			IPv6 /128 node network                            | fd00:10:100::/128 | -                | fd00:10:244::/56  | -           | nodeNetwork            | leaves no room
			IPv4 /31 pod network: not one node subnet fits    | 10.100.0.0/24     | -                | 10.244.0.0/31     | 31          | podNetwork             | too small for one node subnet; expected a prefix length of at most /30
			IPv6 /127 pod network: not one node subnet fits   | fd00:10:100::/64  | -                | fd00:10:244::/127 | -           | podNetwork             | too small for one node subnet; expected a prefix length of at most /126
			pod network inside loopback                       | 10.100.0.0/24     | -                | 127.0.0.0/16      | -           | podNetwork             | podNetwork: '127.0.0.0/16' overlaps the loopback range 127.0.0.0/8; expected a private range such as 10.244.0.0/16 or fd00:10:244::/56
			node network inside loopback                      | 127.0.0.0/24      | -                | 10.244.0.0/16     | -           | nodeNetwork            | overlaps the loopback range 127.0.0.0/8; expected a private range such as 10.100.0.0/24 or fd00:10:100::/64
			pod network holding loopback                      | 10.100.0.0/24     | -                | 126.0.0.0/7       | 16          | podNetwork             | overlaps the loopback range 127.0.0.0/8
			pod network in "this network"                     | 10.100.0.0/24     | -                | 0.0.0.0/16        | -           | podNetwork             | overlaps the "this network" range 0.0.0.0/8
			pod network in link-local                         | 10.100.0.0/24     | -                | 169.254.0.0/16    | -           | podNetwork             | overlaps the link-local range 169.254.0.0/16
			node network in link-local                        | 169.254.0.0/24    | -                | 10.244.0.0/16     | -           | nodeNetwork            | overlaps the link-local range 169.254.0.0/16
			pod network in multicast                          | 10.100.0.0/24     | -                | 224.0.0.0/16      | -           | podNetwork             | overlaps the multicast range 224.0.0.0/4
			pod network in class E                            | 10.100.0.0/24     | -                | 240.0.0.0/16      | -           | podNetwork             | overlaps the reserved (class E) range 240.0.0.0/4
			node network holding the limited broadcast        | 255.255.255.0/24  | -                | 10.244.0.0/16     | -           | nodeNetwork            | overlaps the reserved (class E) range 240.0.0.0/4
			IPv6 node network IPv4-mapped                     | ::ffff:10.100.0.0/120 | -            | fd00:10:244::/56  | -           | nodeNetwork            | overlaps the IPv4-mapped range ::ffff:0:0/96 (Linux drops IPv6 packets with a v4-mapped source
			IPv6 pod network: the IPv4-mapped block           | fd00:10:100::/64  | -                | ::ffff:0:0/96     | 112         | podNetwork             | overlaps the IPv4-mapped range ::ffff:0:0/96
			IPv6 pod network holding :: and ::1               | fd00:10:100::/64  | -                | ::/56             | -           | podNetwork             | overlaps the loopback range ::1/128
			IPv6 pod network in IPv4-compatible space         | fd00:10:100::/64  | -                | ::a00:0/104       | 120         | podNetwork             | overlaps the unspecified, loopback and IPv4-compatible range ::/96
			IPv6 pod network in link-local                    | fd00:10:100::/64  | -                | fe80::/56         | -           | podNetwork             | overlaps the link-local range fe80::/10
			IPv6 node network in link-local                   | fe80::/64         | -                | fd00:10:244::/56  | -           | nodeNetwork            | overlaps the link-local range fe80::/10
			IPv6 pod network in multicast                     | fd00:10:100::/64  | -                | ff00::/56         | -           | podNetwork             | overlaps the multicast range ff00::/8
			IPv4-mapped gateway in an IPv6 cluster            | fd00:10:100::/64  | ::ffff:10.100.0.1 | fd00:10:244::/56 | -           | gateway                | is in the IPv4-mapped range ::ffff:0:0/96
			loopback gateway                                  | 10.100.0.0/24     | 127.0.0.1        | 10.244.0.0/16     | -           | gateway                | is in the loopback range 127.0.0.0/8
			""")
	void invalidPlansAreRefusedNamingTheField(String description, String nodeNetwork, String gateway, String podNetwork,
			Integer nodePrefix, String field, String detail) {
		assertThatThrownBy(() -> ClusterNetworks.of(nodeNetwork, gateway, podNetwork, nodePrefix))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith(field + ": ")
				.hasMessageContaining(detail)
				.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo(field));
	}
}

package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pod network carved into node subnets of one prefix length, like --cluster-cidr and --node-cidr-mask-size. */
class SubnetPoolTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                  | pod network     | split | total       | first subnet       | last subnet
			Kubernetes: 10.0.0.0/16 into /24               | 10.0.0.0/16     | 24    | 256         | 10.0.0.0/24        | 10.0.255.0/24
			Kubernetes: 2001:db8::/48 into /64             | 2001:db8::/48   | 64    | 65536       | 2001:db8::/64      | 2001:db8:0:ffff::/64
			beyond Kubernetes: 2001:db8::/32 into /64      | 2001:db8::/32   | 64    | 4294967296  | 2001:db8::/64      | 2001:db8:ffff:ffff::/64
			the article: 10.244.0.0/16 into /24            | 10.244.0.0/16   | 24    | 256         | 10.244.0.0/24      | 10.244.255.0/24
			IPv6 /56 into /64                              | fd00:10:244::/56 | 64   | 256         | fd00:10:244::/64   | fd00:10:244:ff::/64
			a pod network of one node subnet, IPv4         | 10.244.0.0/24   | 24    | 1           | 10.244.0.0/24      | 10.244.0.0/24
			a pod network of one node subnet, IPv6         | fd00::/64       | 64    | 1           | fd00::/64          | fd00::/64
			small IPv4 node subnets                        | 10.244.0.0/22   | 30    | 256         | 10.244.0.0/30      | 10.244.3.252/30
			small IPv6 node subnets                        | fd00::/120      | 126   | 64          | fd00::/126         | fd00::fc/126
			the top of the IPv4 space                      | 255.255.0.0/16  | 24    | 256         | 255.255.0.0/24     | 255.255.255.0/24
			""")
	void totalsAndFirstAndLastSubnet(String description, String podNetwork, int split, BigInteger total, String first,
			String last) {
		SubnetPool pool = new SubnetPool(Addresses.parseNetwork("podNetwork", podNetwork), split);

		assertThat(pool.total()).isEqualTo(total);
		assertThat(pool.range().size()).isEqualTo(total);
		assertThat(Addresses.format(pool.subnetAt(pool.range().first()))).isEqualTo(first);
		assertThat(Addresses.format(pool.subnetAt(pool.range().last()))).isEqualTo(last);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                            | pod network    | split | requested            | canonical
			the first IPv4 subnet                     | 10.244.0.0/16  | 24    | 10.244.0.0/24        | 10.244.0.0/24
			the last IPv4 subnet                      | 10.244.0.0/16  | 24    | 10.244.255.0/24      | 10.244.255.0/24
			an IPv6 subnet in the middle              | fd00:10:244::/56 | 64  | fd00:10:244:7f::/64  | fd00:10:244:7f::/64
			an IPv6 subnet in full notation           | fd00:10:244::/56 | 64  | FD00:0010:0244:0001::/64 | fd00:10:244:1::/64
			""")
	void requestedSubnetsAccepted(String description, String podNetwork, int split, String requested, String canonical) {
		SubnetPool pool = new SubnetPool(Addresses.parseNetwork("podNetwork", podNetwork), split);

		assertThat(Addresses.format(pool.requested("podSubnet", requested))).isEqualTo(canonical);
		assertThat(pool.range().contains(Addresses.valueOf(pool.requested("podSubnet", requested)))).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                            | pod network      | split | requested            | the detail says
			IPv4 outside the pod network              | 10.244.0.0/16    | 24    | 10.245.0.0/24        | outside the pod network
			IPv6 outside the pod network              | fd00:10:244::/56 | 64    | fd00:10:245::/64     | outside the pod network
			IPv4 misaligned (host bits)               | 10.244.0.0/16    | 24    | 10.244.0.128/24      | did you mean 10.244.0.0/24?
			IPv6 misaligned (host bits)               | fd00:10:244::/56 | 64    | fd00:10:244::8/64    | did you mean fd00:10:244::/64?
			IPv4 of another prefix length             | 10.244.0.0/16    | 24    | 10.244.0.0/25        | node subnets are /24
			IPv4 a bigger block                       | 10.244.0.0/16    | 24    | 10.244.0.0/23        | node subnets are /24
			IPv6 of another prefix length             | fd00:10:244::/56 | 64    | fd00:10:244::/80     | node subnets are /64
			IPv6 in an IPv4 cluster                   | 10.244.0.0/16    | 24    | fd00::/24            | is IPv6 but the cluster is IPv4
			IPv4 in an IPv6 cluster                   | fd00:10:244::/56 | 64    | 10.0.0.0/24          | is IPv4 but the cluster is IPv6
			IPv4 without a prefix                     | 10.244.0.0/16    | 24    | 10.244.1.0           | has no prefix length
			""")
	void requestedSubnetsRejected(String description, String podNetwork, int split, String requested, String detail) {
		SubnetPool pool = new SubnetPool(Addresses.parseNetwork("podNetwork", podNetwork), split);

		assertThatThrownBy(() -> pool.requested("podSubnet", requested))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith("podSubnet: '" + requested + "'")
				.hasMessageContaining(detail);
	}
}

package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The host addresses that may be handed out: node addresses (not the network address, the gateway
 * or the IPv4 broadcast) and pod IPs (after the bridge, never the broadcast, like host-local CNI).
 */
class HostPoolTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                               | node network       | gateway          | first usable    | last usable         | usable
			the article's node network                   | 10.100.0.0/24      | 10.100.0.1       | 10.100.0.1      | 10.100.0.254        | 253
			IPv4 /29: network, gateway, broadcast out    | 10.100.0.0/29      | 10.100.0.1       | 10.100.0.1      | 10.100.0.6          | 5
			IPv4 /30: one node                           | 10.100.0.0/30      | 10.100.0.1       | 10.100.0.1      | 10.100.0.2          | 1
			a gateway at the end of the network          | 10.100.0.0/24      | 10.100.0.254     | 10.100.0.1      | 10.100.0.254        | 253
			IPv6 /64: no broadcast in IPv6               | fd00:10:100::/64   | fd00:10:100::1   | fd00:10:100::1  | fd00:10:100:0:ffff:ffff:ffff:ffff | 18446744073709551614
			IPv6 /125                                    | fd00:10:100::/125  | fd00:10:100::1   | fd00:10:100::1  | fd00:10:100::7      | 6
			IPv6 /126: two nodes                         | fd00:10:100::/126  | fd00:10:100::1   | fd00:10:100::1  | fd00:10:100::3      | 2
			""")
	void nodeAddresses(String description, String nodeNetwork, String gateway, String first, String last,
			BigInteger usable) {
		HostPool pool = HostPool.nodeAddresses(Addresses.parseNetwork("nodeNetwork", nodeNetwork),
				Addresses.parseAddress("gateway", gateway));

		assertThat(Addresses.format(pool.addressAt(pool.range().first()))).isEqualTo(first);
		assertThat(Addresses.format(pool.addressAt(pool.range().last()))).isEqualTo(last);
		assertThat(pool.usable()).isEqualTo(usable);
		assertThat(pool.reserved()).containsExactly(Addresses.valueOf(Addresses.parseAddress("gateway", gateway)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                | pod subnet          | first pod       | last pod        | usable
			IPv4 /24: .2 to .254, the bridge holds .1      | 10.244.0.0/24       | 10.244.0.2      | 10.244.0.254    | 253
			IPv4 /29: exactly .2 to .6 (host-local)        | 10.244.0.0/29       | 10.244.0.2      | 10.244.0.6      | 5
			IPv4 /30: one pod                              | 10.244.0.0/30       | 10.244.0.2      | 10.244.0.2      | 1
			IPv6 /120: ::2 to ::ff                         | fd00:10:244::/120   | fd00:10:244::2  | fd00:10:244::ff | 254
			IPv6 /126: two pods                            | fd00:10:244::/126   | fd00:10:244::2  | fd00:10:244::3  | 2
			""")
	void podAddresses(String description, String podSubnet, String first, String last, BigInteger usable) {
		HostPool pool = HostPool.podAddresses(Addresses.parseNetwork("podSubnet", podSubnet));

		assertThat(Addresses.format(pool.addressAt(pool.range().first()))).isEqualTo(first);
		assertThat(Addresses.format(pool.addressAt(pool.range().last()))).isEqualTo(last);
		assertThat(pool.usable()).isEqualTo(usable);
	}

	@Test
	void aSlash29PodSubnetHandsOutExactlyDot2ToDot6ThenNothing() {
		HostPool pool = HostPool.podAddresses(Addresses.parseNetwork("podSubnet", "10.244.0.0/29"));
		TreeSet<BigInteger> taken = new TreeSet<>();
		BigInteger cursor = null;
		List<String> handedOut = new ArrayList<>();

		for (int i = 0; i < 6; i++) {
			Optional<BigInteger> next = NextFitAllocator.next(pool.range(), pool.reserved(), cursor,
					(from, to, limit) -> taken.subSet(from, true, to, true).stream().limit(limit).toList());
			if (next.isEmpty()) {
				break;
			}
			taken.add(next.get());
			cursor = next.get();
			handedOut.add(Addresses.format(pool.addressAt(next.get())));
		}

		assertThat(handedOut).containsExactly("10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                            | node network      | gateway        | requested
			the first node address, IPv4              | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.2
			the last IPv4 host address                | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.254
			.1 when the gateway is elsewhere          | 10.100.0.0/24     | 10.100.0.254   | 10.100.0.1
			an IPv6 address                           | fd00:10:100::/64  | fd00:10:100::1 | fd00:10:100::a
			the last IPv6 address                     | fd00:10:100::/64  | fd00:10:100::1 | fd00:10:100:0:ffff:ffff:ffff:ffff
			""")
	void requestedNodeAddressesAccepted(String description, String nodeNetwork, String gateway, String requested) {
		HostPool pool = HostPool.nodeAddresses(Addresses.parseNetwork("nodeNetwork", nodeNetwork),
				Addresses.parseAddress("gateway", gateway));

		assertThat(Addresses.format(pool.requested("address", requested)))
				.isEqualTo(Addresses.format(Addresses.parseAddress("address", requested)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                            | node network      | gateway        | requested        | the detail says
			the IPv4 network address                  | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.0       | cannot be handed out
			the IPv4 broadcast address                | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.255     | cannot be handed out
			the IPv4 gateway                          | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.1       | except [10.100.0.1]
			outside the IPv4 node network             | 10.100.0.0/24     | 10.100.0.1     | 10.100.1.2       | from 10.100.0.1 to 10.100.0.254
			the IPv6 network address                  | fd00:10:100::/64  | fd00:10:100::1 | fd00:10:100::    | cannot be handed out
			the IPv6 gateway                          | fd00:10:100::/64  | fd00:10:100::1 | fd00:10:100::1   | cannot be handed out
			outside the IPv6 node network             | fd00:10:100::/64  | fd00:10:100::1 | fd00:10:101::2   | cannot be handed out
			IPv6 in an IPv4 node network              | 10.100.0.0/24     | 10.100.0.1     | fd00::2          | is IPv6 but the network is IPv4
			IPv4 in an IPv6 node network              | fd00:10:100::/64  | fd00:10:100::1 | 10.100.0.2       | is IPv4 but the network is IPv6
			a network instead of an address           | 10.100.0.0/24     | 10.100.0.1     | 10.100.0.2/32    | without a prefix length
			""")
	void requestedNodeAddressesRejected(String description, String nodeNetwork, String gateway, String requested,
			String detail) {
		HostPool pool = HostPool.nodeAddresses(Addresses.parseNetwork("nodeNetwork", nodeNetwork),
				Addresses.parseAddress("gateway", gateway));

		assertThatThrownBy(() -> pool.requested("address", requested))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith("address: '" + requested + "'")
				.hasMessageContaining(detail);
	}

	@Test
	void podPoolHasNoReservedAddressesBesideBridgeAndBroadcast() {
		HostPool pool = HostPool.podAddresses(Addresses.parseNetwork("podSubnet", "10.244.1.0/24"));

		assertThat(pool.reserved()).isEmpty();
		assertThat(pool.range().contains(Addresses.valueOf(Addresses.parseAddress("a", "10.244.1.1")))).isFalse();
		assertThat(pool.range().contains(Addresses.valueOf(Addresses.parseAddress("a", "10.244.1.255")))).isFalse();
		assertThat(pool.range().contains(Addresses.valueOf(Addresses.parseAddress("a", "10.244.1.2")))).isTrue();
		assertThat(pool.family()).isEqualTo(IpFamily.IPv4);
		assertThat(pool.range().step()).isEqualTo(BigInteger.ONE);
	}
}

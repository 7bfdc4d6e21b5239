package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddress;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict parsing of what users type: only the notations Kubernetes manifests use. */
class AddressesTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                        | text                       | canonical                | family
			an IPv4 network                                       | 10.244.0.0/16              | 10.244.0.0/16            | IPv4
			an IPv6 network                                       | fd00:10:244::/56           | fd00:10:244::/56         | IPv6
			an IPv6 network in upper case, shown canonically      | 2001:DB8::/32              | 2001:db8::/32            | IPv6
			an IPv6 network written in full, shown compressed     | 2001:0db8:0000:0000::/32   | 2001:db8::/32            | IPv6
			a single IPv4 address as a /32                        | 10.244.0.7/32              | 10.244.0.7/32            | IPv4
			a single IPv6 address as a /128                       | fd00::7/128                | fd00::7/128              | IPv6
			the IPv4 default route                                | 0.0.0.0/0                  | 0.0.0.0/0                | IPv4
			the IPv6 default route                                | ::/0                       | ::/0                     | IPv6
			an IPv4-mapped IPv6 network is IPv6                   | ::ffff:10.0.0.0/104        | ::ffff:a00:0/104         | IPv6
			""")
	void networksAccepted(String description, String text, String canonical, IpFamily family) {
		IPAddress network = Addresses.parseNetwork("podNetwork", text);

		assertThat(Addresses.format(network)).isEqualTo(canonical);
		assertThat(IpFamily.of(network)).isEqualTo(family);
		assertThat(network.isPrefixBlock()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                        | text                        | the detail says
			IPv4 host bits set: suggest the network               | 10.244.0.1/16               | has host bits set; did you mean 10.244.0.0/16?
			IPv6 host bits set: suggest the network               | fd00:10:244::1/56           | has host bits set; did you mean fd00:10:244::/56?
			IPv4 host bits set below the prefix                   | 10.244.1.0/16               | did you mean 10.244.0.0/16?
			IPv4-mapped IPv6 with host bits                       | ::ffff:10.0.0.0/96          | did you mean ::ffff:0:0/96?
			IPv4 address without a prefix length                  | 10.244.0.0                  | has no prefix length
			IPv6 address without a prefix length                  | fd00:10:244::               | has no prefix length
			an IPv6 zone id                                       | fe80::%eth0/64              | has a zone id
			IPv4 wildcards                                        | 10.244.*.*                  | not valid
			IPv4 wildcards with a prefix                          | 10.244.*.*/16               | not valid
			the universal wildcard                                | */16                        | not valid
			an IPv4 range                                         | 10.244.0.0-10.244.255.255   | not valid
			an IPv6 range                                         | fd00::-fd00::ff/120         | not valid
			an inet_aton shorthand                                | 10.1/16                     | not valid
			an inet_aton shorthand, no prefix                     | 10.1                        | not valid
			three IPv4 segments                                   | 10.244.0/24                 | not valid
			IPv4 leading zeros (octal to inet_aton)               | 010.244.0.0/16              | not valid
			an IPv4 hex segment                                   | 0x0a.244.0.0/16             | not valid
			an IPv4 prefix longer than 32                         | 10.244.0.0/33               | not valid
			an IPv6 prefix longer than 128                        | fd00::/129                  | not valid
			a prefix with a leading zero                          | 10.244.0.0/016              | malformed prefix length
			a negative prefix                                     | 10.244.0.0/-1               | malformed prefix length
			a prefix with a sign                                  | 10.244.0.0/+16              | malformed prefix length
			an empty prefix                                       | 10.244.0.0/                 | malformed prefix length
			a netmask instead of a prefix length                  | 10.244.0.0/255.255.0.0      | malformed prefix length
			two prefixes                                          | 10.244.0.0/16/16            | not valid
			five IPv4 segments                                    | 10.244.0.0.0/16             | not valid
			an IPv4 segment over 255                              | 10.256.0.0/16               | not valid
			a host name                                           | cluster.local/16            | not valid
			text                                                  | abc                         | not valid
			""")
	void networksRejected(String description, String text, String detail) {
		assertThatThrownBy(() -> Addresses.parseNetwork("podNetwork", text))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith("podNetwork: '" + text + "'")
				.hasMessageContaining(detail)
				.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("podNetwork"));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { " 10.244.0.0/16", "10.244.0.0/16 ", "\t10.244.0.0/16", "10.244.0.0 /16", "10.244.0.0/16\n" })
	void networksWithWhitespaceRejected(String text) {
		assertThatThrownBy(() -> Addresses.parseNetwork("podNetwork", text)).isInstanceOf(InvalidValue.class);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  " })
	void missingNetworkRejectedAsRequired(String text) {
		assertThatThrownBy(() -> Addresses.parseNetwork("podNetwork", text))
				.isInstanceOf(InvalidValue.class)
				.hasMessageContaining("is required")
				.hasMessageContaining("10.244.0.0/16");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                 | text                    | canonical       | family
			an IPv4 address                                | 10.100.0.2              | 10.100.0.2      | IPv4
			an IPv6 address                                | fd00:10:100::2          | fd00:10:100::2  | IPv6
			an IPv6 address in upper case                  | FD00:10:100::A          | fd00:10:100::a  | IPv6
			an IPv6 address written in full                | fd00:0010:0100:0000:0000:0000:0000:0002 | fd00:10:100::2 | IPv6
			an IPv4-mapped IPv6 address is IPv6            | ::ffff:10.100.0.2       | ::ffff:a64:2    | IPv6
			""")
	void addressesAccepted(String description, String text, String canonical, IpFamily family) {
		IPAddress address = Addresses.parseAddress("address", text);

		assertThat(Addresses.format(address)).isEqualTo(canonical);
		assertThat(IpFamily.of(address)).isEqualTo(family);
		assertThat(address.isMultiple()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                 | text                | the detail says
			an IPv4 address with a prefix length           | 10.100.0.2/32       | without a prefix length
			an IPv4 network                                | 10.100.0.0/24       | without a prefix length
			an IPv6 network                                | fd00:10:100::/64    | without a prefix length
			an IPv6 zone id                                | fe80::1%eth0        | has a zone id
			an inet_aton shorthand                         | 10.1                | not valid
			IPv4 leading zeros                             | 010.100.0.2         | not valid
			an IPv4 hex segment                            | 0x0a.100.0.2        | not valid
			a wildcard                                     | 10.100.0.*          | not valid
			a range                                        | 10.100.0.1-3        | not valid
			an IPv4 segment over 255                       | 10.100.0.256        | not valid
			a single number                                | 167772162           | not valid
			leading whitespace                             | ' 10.100.0.2'       | whitespace
			trailing whitespace                            | '10.100.0.2 '       | whitespace
			""")
	void addressesRejected(String description, String text, String detail) {
		assertThatThrownBy(() -> Addresses.parseAddress("address", text))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith("address: '" + text + "'")
				.hasMessageContaining(detail)
				.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("address"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	void missingAddressRejectedAsRequired(String text) {
		assertThatThrownBy(() -> Addresses.parseAddress("gateway", text))
				.isInstanceOf(InvalidValue.class)
				.hasMessageStartingWith("gateway: ")
				.hasMessageContaining("is required");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                         | family | value                                      | address          | block /prefix   | block
			the first IPv4 address                | IPv4   | 0                                          | 0.0.0.0          | 8               | 0.0.0.0/8
			an IPv4 address above 2^31            | IPv4   | 4294967040                                 | 255.255.255.0    | 24              | 255.255.255.0/24
			the last IPv4 address                 | IPv4   | 4294967295                                 | 255.255.255.255  | 32              | 255.255.255.255/32
			an IPv6 address                       | IPv6   | 42540766411282592856903984951653826560     | 2001:db8::       | 32              | 2001:db8::/32
			the last IPv6 address                 | IPv6   | 340282366920938463463374607431768211455    | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 128 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128
			""")
	void valuesAndAddressesConvertBothWays(String description, IpFamily family, BigInteger value, String address,
			int prefix, String block) {
		assertThat(Addresses.format(Addresses.fromValue(family, value))).isEqualTo(address);
		assertThat(Addresses.valueOf(Addresses.parseAddress("address", address))).isEqualTo(value);
		assertThat(Addresses.format(Addresses.blockFromValue(family, value, prefix))).isEqualTo(block);
		assertThat(Addresses.valueOf(Addresses.parseNetwork("network", block))).isEqualTo(value);
	}

	@Test
	void invalidValueNamesTheFieldAndTheValue() {
		assertThatThrownBy(() -> Addresses.parseNetwork("nodeNetwork", "10.100.0.9/24"))
				.isInstanceOf(InvalidValue.class)
				.satisfies(e -> {
					InvalidValue invalid = (InvalidValue) e;
					assertThat(invalid.status()).isEqualTo(422);
					assertThat(invalid.properties()).containsEntry("field", "nodeNetwork")
							.containsEntry("value", "10.100.0.9/24");
				})
				.hasMessage("nodeNetwork: '10.100.0.9/24' has host bits set; did you mean 10.100.0.0/24?");
	}
}

package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.podnet.ipam.SpecialRanges.Range;
import io.podnet.problem.InvalidValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The special-purpose ranges: which range a network overlaps or lies in, and the checks built on them. */
class SpecialRangesTests {

	private static IPAddress ip(String text) {
		return new IPAddressString(text).getAddress();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                                      | network or address      | overlapping                            | containing
			a private IPv4 network                              | 10.244.0.0/16           | -                                      | -
			a documentation network                             | 192.0.2.0/24            | -                                      | -
			the top of the private 172.16/12                    | 172.31.255.0/24         | -                                      | -
			just below loopback                                 | 126.255.255.0/24        | -                                      | -
			just above loopback                                 | 128.0.0.0/24            | -                                      | -
			inside loopback                                     | 127.0.0.0/16            | loopback 127.0.0.0/8                   | loopback 127.0.0.0/8
			loopback itself                                     | 127.0.0.0/8             | loopback 127.0.0.0/8                   | loopback 127.0.0.0/8
			a loopback address                                  | 127.0.0.1               | loopback 127.0.0.0/8                   | loopback 127.0.0.0/8
			a /7 holding loopback                               | 126.0.0.0/7             | loopback 127.0.0.0/8                   | -
			this network                                        | 0.0.0.0/16              | "this network" 0.0.0.0/8                | "this network" 0.0.0.0/8
			the IPv4 any address                                | 0.0.0.0                 | "this network" 0.0.0.0/8                | "this network" 0.0.0.0/8
			the IPv4 default route                              | 0.0.0.0/0               | "this network" 0.0.0.0/8                | -
			the lower half of IPv4                              | 0.0.0.0/1               | "this network" 0.0.0.0/8                | -
			the upper half of IPv4                              | 128.0.0.0/1             | link-local 169.254.0.0/16              | -
			link-local                                          | 169.254.0.0/16          | link-local 169.254.0.0/16              | link-local 169.254.0.0/16
			the metadata address                                | 169.254.169.254         | link-local 169.254.0.0/16              | link-local 169.254.0.0/16
			multicast                                           | 224.0.0.0/16            | multicast 224.0.0.0/4                  | multicast 224.0.0.0/4
			the top of multicast                                | 239.255.255.255         | multicast 224.0.0.0/4                  | multicast 224.0.0.0/4
			class E                                             | 240.0.0.0/8             | reserved (class E) 240.0.0.0/4         | reserved (class E) 240.0.0.0/4
			class E whole                                       | 240.0.0.0/4             | reserved (class E) 240.0.0.0/4         | reserved (class E) 240.0.0.0/4
			the limited broadcast: the most specific range      | 255.255.255.255         | limited broadcast 255.255.255.255/32   | limited broadcast 255.255.255.255/32
			the limited broadcast as a /32                      | 255.255.255.255/32      | limited broadcast 255.255.255.255/32   | limited broadcast 255.255.255.255/32
			a private IPv6 network                              | fd00:10:244::/56        | -                                      | -
			IPv6 documentation                                  | 2001:db8::/32           | -                                      | -
			IPv6 loopback                                       | ::1                     | loopback ::1/128                       | loopback ::1/128
			IPv6 unspecified                                    | ::                      | unspecified ::/128                     | unspecified ::/128
			IPv4-compatible                                     | ::10.0.0.1              | unspecified, loopback and IPv4-compatible ::/96 | unspecified, loopback and IPv4-compatible ::/96
			a /56 holding :: and ::1                            | ::/56                   | loopback ::1/128                       | -
			the IPv6 default route                              | ::/0                    | loopback ::1/128                       | -
			IPv4-mapped network                                 | ::ffff:10.50.0.0/112    | IPv4-mapped ::ffff:0:0/96              | IPv4-mapped ::ffff:0:0/96
			IPv4-mapped address                                 | ::ffff:10.244.0.2       | IPv4-mapped ::ffff:0:0/96              | IPv4-mapped ::ffff:0:0/96
			IPv4-mapped block whole                             | ::ffff:0:0/96           | IPv4-mapped ::ffff:0:0/96              | IPv4-mapped ::ffff:0:0/96
			just after IPv4-mapped (NAT64 is 64:ff9b::/96)      | 64:ff9b::/96            | -                                      | -
			IPv6 link-local                                     | fe80::/64               | link-local fe80::/10                   | link-local fe80::/10
			the top of IPv6 link-local                          | febf::/16               | link-local fe80::/10                   | link-local fe80::/10
			site-local (deprecated, not refused)                | fec0::/10               | -                                      | -
			IPv6 multicast                                      | ff02::1                 | multicast ff00::/8                     | multicast ff00::/8
			IPv6 multicast network                              | ff00::/56               | multicast ff00::/8                     | multicast ff00::/8
			""")
	void rangesFound(String description, String text, String overlapping, String containing) {
		IPAddress address = ip(text);

		assertThat(SpecialRanges.overlapping(address).map(SpecialRangesTests::show).orElse(null)).isEqualTo(overlapping);
		assertThat(SpecialRanges.containing(address).map(SpecialRangesTests::show).orElse(null)).isEqualTo(containing);
	}

	private static String show(Range range) {
		return range.name() + " " + Addresses.format(range.block());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                   | network               | the detail says (- when accepted)
			a private network                | 10.244.0.0/16         | -
			inside loopback                  | 127.0.0.0/16          | podNetwork: '127.0.0.0/16' overlaps the loopback range 127.0.0.0/8; expected a private range such as 10.244.0.0/16 or fd00:10:244::/56
			holding loopback                 | 126.0.0.0/7           | overlaps the loopback range 127.0.0.0/8
			IPv4-mapped: says why            | ::ffff:0:0/96         | overlaps the IPv4-mapped range ::ffff:0:0/96 (Linux drops IPv6 packets with a v4-mapped source
			""")
	void checkNetworkRefusesOverlaps(String description, String network, String detail) {
		Runnable check = () -> SpecialRanges.checkNetwork("podNetwork", network, ip(network),
				"10.244.0.0/16 or fd00:10:244::/56");
		if (detail == null) {
			assertThatCode(check::run).doesNotThrowAnyException();
		} else {
			assertThatThrownBy(check::run).isInstanceOf(InvalidValue.class).hasMessageContaining(detail)
					.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("podNetwork"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                               | destination            | the detail says (- when accepted)
			a private network                            | 192.168.0.0/16         | -
			the IPv4 default route                       | 0.0.0.0/0              | -
			the lower half of IPv4, holding 0/8 and 127/8 | 0.0.0.0/1             | -
			the upper half, holding multicast             | 128.0.0.0/1           | -
			a /7 holding loopback                        | 126.0.0.0/7            | -
			the IPv6 default route                       | ::/0                   | -
			a /64 holding ::/96                          | ::/64                  | -
			inside loopback                              | 127.0.0.0/16           | destination: '127.0.0.0/16' lies inside the loopback range 127.0.0.0/8, which a gateway never forwards; expected a routable destination, or a prefix that contains the range, such as 0.0.0.0/0
			loopback itself                              | 127.0.0.0/8            | lies inside the loopback range
			inside this network                          | 0.0.0.0/8              | lies inside the "this network" range 0.0.0.0/8
			inside multicast                             | 224.0.0.0/16           | multicast
			class E                                      | 240.0.0.0/4            | reserved (class E)
			the limited broadcast                        | 255.255.255.255/32     | limited broadcast
			IPv4-mapped                                  | ::ffff:10.50.0.0/112   | lies inside the IPv4-mapped range ::ffff:0:0/96 (Linux drops
			IPv6 link-local                              | fe80::/64              | such as ::/0
			IPv6 multicast                               | ff02::/16              | multicast
			""")
	void checkDestinationRefusesOnlyWhatLiesInside(String description, String destination, String detail) {
		Runnable check = () -> SpecialRanges.checkDestination("destination", destination, ip(destination));
		if (detail == null) {
			assertThatCode(check::run).doesNotThrowAnyException();
		} else {
			assertThatThrownBy(check::run).isInstanceOf(InvalidValue.class).hasMessageContaining(detail)
					.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("destination"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                            | address             | allow loopback | the detail says (- when accepted)
			a pod address                             | 10.244.0.2          | true           | -
			IPv4 loopback, allowed                    | 127.0.0.1           | true           | -
			another IPv4 loopback address, allowed    | 127.0.0.53          | true           | -
			IPv6 loopback, allowed                    | ::1                 | true           | -
			IPv4 loopback, not allowed                | 127.0.0.1           | false          | to: '127.0.0.1' is in the loopback range 127.0.0.0/8; expected a unicast address
			IPv6 loopback, not allowed                | ::1                 | false          | is in the loopback range ::1/128
			the IPv4 any address                      | 0.0.0.0             | true           | is in the "this network" range 0.0.0.0/8
			the IPv6 unspecified address              | ::                  | true           | is in the unspecified range ::/128
			multicast                                 | 224.0.0.1           | true           | multicast
			link-local                                | 169.254.169.254     | true           | link-local
			the limited broadcast                     | 255.255.255.255     | true           | limited broadcast
			IPv4-mapped                               | ::ffff:10.244.0.2   | true           | IPv4-mapped
			IPv4-mapped loopback is not loopback      | ::ffff:127.0.0.1    | true           | IPv4-mapped
			IPv6 multicast                            | ff02::1             | true           | multicast
			""")
	void checkAddressAllowsLoopbackOnlyWhenAsked(String description, String address, boolean allowLoopback,
			String detail) {
		Runnable check = () -> SpecialRanges.checkAddress("to", address, ip(address), allowLoopback,
				"a unicast address");
		if (detail == null) {
			assertThatCode(check::run).doesNotThrowAnyException();
		} else {
			assertThatThrownBy(check::run).isInstanceOf(InvalidValue.class).hasMessageContaining(detail)
					.satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("to"));
		}
	}
}

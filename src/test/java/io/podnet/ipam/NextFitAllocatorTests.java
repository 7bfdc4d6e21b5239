package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Next-fit like Kubernetes' range allocator (cidrset) and host-local CNI: start just past the last
 * value handed out, wrap around once, skip taken and reserved values. Node subnets (step = subnet
 * size) and node addresses (step 1), IPv4 and IPv6 side by side.
 */
class NextFitAllocatorTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                                              | pod network     | split | taken                                   | cursor             | expected
			first allocation starts at the range start, IPv4           | 10.244.0.0/16   | 24    | -                                       | -                  | 10.244.0.0/24
			first allocation starts at the range start, IPv6           | 2001:db8::/48   | 64    | -                                       | -                  | 2001:db8::/64
			next-fit continues just past the cursor, IPv4              | 10.244.0.0/16   | 24    | 10.244.0.0/24 10.244.1.0/24             | 10.244.1.0/24      | 10.244.2.0/24
			next-fit continues just past the cursor, IPv6              | 2001:db8::/48   | 64    | 2001:db8::/64 2001:db8:0:1::/64         | 2001:db8:0:1::/64  | 2001:db8:0:2::/64
			a released subnet below the cursor waits, IPv4             | 10.244.0.0/16   | 24    | 10.244.1.0/24                           | 10.244.1.0/24      | 10.244.2.0/24
			a released subnet below the cursor waits, IPv6             | 2001:db8::/48   | 64    | 2001:db8:0:1::/64                       | 2001:db8:0:1::/64  | 2001:db8:0:2::/64
			a released subnet is reused after wrap-around, IPv4        | 10.10.0.0/22    | 24    | 10.10.1.0/24 10.10.2.0/24 10.10.3.0/24  | 10.10.3.0/24       | 10.10.0.0/24
			a released subnet is reused after wrap-around, IPv6        | 2001:db8::/62   | 64    | 2001:db8:0:1::/64 2001:db8:0:2::/64 2001:db8:0:3::/64 | 2001:db8:0:3::/64 | 2001:db8::/64
			the wrap-around finds the first free one, IPv4             | 10.10.0.0/22    | 24    | 10.10.0.0/24 10.10.3.0/24               | 10.10.3.0/24       | 10.10.1.0/24
			the wrap-around finds the first free one, IPv6             | 2001:db8::/62   | 64    | 2001:db8::/64 2001:db8:0:3::/64         | 2001:db8:0:3::/64  | 2001:db8:0:1::/64
			Kubernetes: requested blocks taken out of order skipped    | 10.10.0.0/22    | 24    | 10.10.0.0/24 10.10.2.0/24               | -                  | 10.10.1.0/24
			requested blocks taken out of order skipped, IPv6          | 2001:db8::/62   | 64    | 2001:db8::/64 2001:db8:0:2::/64         | -                  | 2001:db8:0:1::/64
			a requested block just past the cursor is skipped, IPv4    | 10.10.0.0/22    | 24    | 10.10.0.0/24 10.10.1.0/24 10.10.2.0/24  | 10.10.0.0/24       | 10.10.3.0/24
			a requested block just past the cursor is skipped, IPv6    | 2001:db8::/62   | 64    | 2001:db8::/64 2001:db8:0:1::/64 2001:db8:0:2::/64 | 2001:db8::/64 | 2001:db8:0:3::/64
			every subnet taken: nothing to hand out, IPv4              | 10.10.0.0/22    | 24    | 10.10.0.0/24 10.10.1.0/24 10.10.2.0/24 10.10.3.0/24 | 10.10.1.0/24 | -
			every subnet taken: nothing to hand out, IPv6              | 2001:db8::/63   | 64    | 2001:db8::/64 2001:db8:0:1::/64         | 2001:db8::/64      | -
			a pod network of one subnet, IPv4                          | 10.244.0.0/24   | 24    | -                                       | 10.244.0.0/24      | 10.244.0.0/24
			a pod network of one subnet, IPv6                          | 2001:db8::/64   | 64    | -                                       | 2001:db8::/64      | 2001:db8::/64
			""")
	void nodeSubnetsAreHandedOutNextFit(String description, String podNetwork, int split, String taken, String cursor,
			String expected) {
		SubnetPool pool = new SubnetPool(network(podNetwork), split);
		TakenValues takenValues = TakenValues.of(blocks(taken));

		Optional<BigInteger> next = NextFitAllocator.next(pool.range(), Set.of(), value(cursor), takenValues);

		assertThat(next.map(pool::subnetAt).map(Addresses::format)).isEqualTo(Optional.ofNullable(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# description                                             | node network     | gateway        | taken                       | cursor         | expected
			the gateway (.1) is skipped: the first node gets .2       | 10.100.0.0/24    | 10.100.0.1     | -                           | -              | 10.100.0.2
			the gateway (::1) is skipped: the first node gets ::2     | fd00:10:100::/64 | fd00:10:100::1 | -                           | -              | fd00:10:100::2
			a gateway elsewhere is skipped when reached, IPv4         | 10.100.0.0/24    | 10.100.0.3     | 10.100.0.1 10.100.0.2       | 10.100.0.2     | 10.100.0.4
			a gateway elsewhere is skipped when reached, IPv6         | fd00:10:100::/64 | fd00:10:100::3 | fd00:10:100::1 fd00:10:100::2 | fd00:10:100::2 | fd00:10:100::4
			a gateway elsewhere leaves .1 usable                      | 10.100.0.0/24    | 10.100.0.254   | -                           | -              | 10.100.0.1
			the broadcast is never handed out: wrap after .254        | 10.100.0.0/24    | 10.100.0.1     | -                           | 10.100.0.254   | 10.100.0.2
			the last IPv6 address is a host address                   | fd00:10:100::/120 | fd00:10:100::1 | -                          | fd00:10:100::fe | fd00:10:100::ff
			after the last IPv6 address the search wraps              | fd00:10:100::/120 | fd00:10:100::1 | fd00:10:100::2             | fd00:10:100::ff | fd00:10:100::3
			a /29 has .2 to .6: all taken, nothing to hand out        | 10.100.0.0/29    | 10.100.0.1     | 10.100.0.2 10.100.0.3 10.100.0.4 10.100.0.5 10.100.0.6 | 10.100.0.6 | -
			a /125 has ::2 to ::7: all taken, nothing to hand out     | fd00:10:100::/125 | fd00:10:100::1 | fd00:10:100::2 fd00:10:100::3 fd00:10:100::4 fd00:10:100::5 fd00:10:100::6 fd00:10:100::7 | fd00:10:100::4 | -
			""")
	void nodeAddressesSkipTheGatewayNetworkAndBroadcast(String description, String nodeNetwork, String gateway,
			String taken, String cursor, String expected) {
		HostPool pool = HostPool.nodeAddresses(network(nodeNetwork), address(gateway));
		TakenValues takenValues = TakenValues.of(addresses(taken));

		Optional<BigInteger> next = NextFitAllocator.next(pool.range(), pool.reserved(), value(cursor), takenValues);

		assertThat(next.map(pool::addressAt).map(Addresses::format)).isEqualTo(Optional.ofNullable(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                         | pod network    | split | first              | second            | third             | fourth
			exhaust, release, reallocate: IPv4    | 10.10.0.0/22   | 24    | 10.10.0.0/24       | 10.10.1.0/24      | 10.10.2.0/24      | 10.10.3.0/24
			exhaust, release, reallocate: IPv6    | 2001:db8::/62  | 64    | 2001:db8::/64      | 2001:db8:0:1::/64 | 2001:db8:0:2::/64 | 2001:db8:0:3::/64
			""")
	void exhaustThenReleaseThenReallocate(String description, String podNetwork, int split, String first, String second,
			String third, String fourth) {
		SubnetPool pool = new SubnetPool(network(podNetwork), split);
		Allocations subnets = new Allocations(pool.range(), Set.of());

		assertThat(subnets.allocateFour()).extracting(pool::subnetAt).extracting(Addresses::format)
				.containsExactly(first, second, third, fourth);
		assertThat(subnets.allocate()).as("a full pod network").isEmpty();

		subnets.release(value(second));
		assertThat(subnets.allocate().map(pool::subnetAt).map(Addresses::format)).contains(second);
		assertThat(subnets.allocate()).as("full again").isEmpty();

		// the cursor is on the second now: the third comes before the first
		subnets.release(value(first));
		subnets.release(value(third));
		assertThat(subnets.allocate().map(pool::subnetAt).map(Addresses::format)).contains(third);
		assertThat(subnets.allocate().map(pool::subnetAt).map(Addresses::format)).contains(first);
		assertThat(subnets.allocate()).isEmpty();
	}

	@Test
	void freedAddressIsNotReusedBeforeTheCursorWraps() {
		HostPool pool = HostPool.nodeAddresses(network("10.100.0.0/29"), address("10.100.0.1"));
		Allocations addresses = new Allocations(pool.range(), pool.reserved());
		BigInteger firstNode = addresses.allocate().orElseThrow();
		addresses.allocate();

		addresses.release(firstNode);

		List<String> handedOut = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			handedOut.add(Addresses.format(pool.addressAt(addresses.allocate().orElseThrow())));
		}
		assertThat(handedOut).containsExactly("10.100.0.4", "10.100.0.5", "10.100.0.6", "10.100.0.2");
		assertThat(addresses.allocate()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                            | network          | split | run  | hole | expected position
			a run of one page less one, IPv4 addresses               | 10.0.0.0/20      | 32    | 255  | -1   | 255
			a run of exactly one page, IPv4 addresses                | 10.0.0.0/20      | 32    | 256  | -1   | 256
			a run of one page plus one, IPv4 addresses               | 10.0.0.0/20      | 32    | 257  | -1   | 257
			a run of several pages, IPv4 addresses                   | 10.0.0.0/20      | 32    | 600  | -1   | 600
			a hole in the second page, IPv4 addresses                | 10.0.0.0/20      | 32    | 600  | 270  | 270
			a hole just after the first page, IPv4 addresses         | 10.0.0.0/20      | 32    | 600  | 256  | 256
			a run of several pages, IPv6 addresses                   | fd00::/116       | 128   | 600  | -1   | 600
			a run of several pages, IPv4 /24 subnets                 | 10.0.0.0/8       | 24    | 1000 | -1   | 1000
			a hole in the fourth page, IPv4 /24 subnets              | 10.0.0.0/8       | 24    | 1000 | 800  | 800
			a run of several pages, IPv6 /64 subnets                 | 2001:db8::/48    | 64    | 1000 | -1   | 1000
			a hole in the third page, IPv6 /64 subnets               | 2001:db8::/48    | 64    | 1000 | 513  | 513
			""")
	void takenRunsLongerThanOnePageAreCrossed(String description, String network, int split, int run, int hole,
			int expectedPosition) {
		AllocationRange range = new SubnetPool(network(network), split).range();
		TreeSet<BigInteger> taken = new TreeSet<>();
		for (int i = 0; i < run; i++) {
			if (i != hole) {
				taken.add(position(range, i));
			}
		}
		TakenValues takenValues = TakenValues.of(taken);

		Optional<BigInteger> next = NextFitAllocator.next(range, Set.of(), null, takenValues);

		assertThat(next).contains(position(range, expectedPosition));
		assertThat(takenValues.calls).as("pages read").isLessThanOrEqualTo(run / NextFitAllocator.PAGE + 2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                                                    | pod network       | split
			IPv6 /32 split into /64: 2^32 subnets, Kubernetes refuses        | 2001:db8::/32     | 64
			IPv6 /16 split into /64: 2^48 subnets                            | 2001::/16         | 64
			IPv4 /8 split into /30: 2^22 subnets                             | 10.0.0.0/8        | 30
			""")
	void hugeRangesAllocateInConstantWork(String description, String podNetwork, int split) {
		SubnetPool pool = new SubnetPool(network(podNetwork), split);
		AllocationRange range = pool.range();
		BigInteger middle = position(range, pool.total().shiftRight(1));
		BigInteger last = range.last();
		TreeSet<BigInteger> taken = new TreeSet<>(List.of(range.first(), range.first().add(range.step()), middle,
				middle.add(range.step()), middle.add(range.step().multiply(BigInteger.TWO)), last));

		TakenValues fromStart = TakenValues.of(taken);
		assertThat(NextFitAllocator.next(range, Set.of(), null, fromStart)).contains(position(range, 2));
		TakenValues fromMiddle = TakenValues.of(taken);
		assertThat(NextFitAllocator.next(range, Set.of(), middle, fromMiddle))
				.contains(middle.add(range.step().multiply(BigInteger.valueOf(3))));
		TakenValues wrapping = TakenValues.of(taken);
		assertThat(NextFitAllocator.next(range, Set.of(), last, wrapping)).contains(position(range, 2));

		assertThat(fromStart.calls).as("taken reads from the start").isLessThanOrEqualTo(2);
		assertThat(fromMiddle.calls).as("taken reads from the middle").isLessThanOrEqualTo(2);
		assertThat(wrapping.calls).as("taken reads after wrapping").isLessThanOrEqualTo(3);
	}

	@Test
	void theLastSubnetOfAHugeRangeIsReachedWithOneRead() {
		SubnetPool pool = new SubnetPool(network("2001:db8::/32"), 64);
		AllocationRange range = pool.range();
		BigInteger nearTheEnd = position(range, pool.total().subtract(BigInteger.TWO));
		TakenValues nothingTaken = TakenValues.of(new TreeSet<>());

		assertThat(NextFitAllocator.next(range, Set.of(), nearTheEnd, nothingTaken).map(pool::subnetAt)
				.map(Addresses::format)).contains("2001:db8:ffff:ffff::/64");
		assertThat(nothingTaken.calls).isEqualTo(1);
	}

	/** The allocator and the caller's bookkeeping, as NodeService uses them. */
	private static final class Allocations {
		private final AllocationRange range;
		private final Set<BigInteger> reserved;
		private final TreeSet<BigInteger> taken = new TreeSet<>();
		private BigInteger cursor;

		Allocations(AllocationRange range, Set<BigInteger> reserved) {
			this.range = range;
			this.reserved = reserved;
		}

		Optional<BigInteger> allocate() {
			Optional<BigInteger> next = NextFitAllocator.next(range, reserved, cursor, TakenValues.of(taken));
			next.ifPresent(value -> {
				taken.add(value);
				cursor = value;
			});
			return next;
		}

		List<BigInteger> allocateFour() {
			List<BigInteger> values = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				values.add(allocate().orElseThrow());
			}
			return values;
		}

		void release(BigInteger value) {
			taken.remove(value);
		}
	}

	/** Taken values as a database would answer, counting how often it is asked. */
	static final class TakenValues implements NextFitAllocator.Taken {
		private final TreeSet<BigInteger> values;
		int calls;

		private TakenValues(TreeSet<BigInteger> values) {
			this.values = values;
		}

		static TakenValues of(java.util.Collection<BigInteger> values) {
			return new TakenValues(new TreeSet<>(values));
		}

		@Override
		public List<BigInteger> ascending(BigInteger from, BigInteger to, int limit) {
			calls++;
			if (from.compareTo(to) > 0) {
				return List.of();
			}
			return values.subSet(from, true, to, true).stream().limit(limit).toList();
		}
	}

	private static BigInteger position(AllocationRange range, long index) {
		return position(range, BigInteger.valueOf(index));
	}

	private static BigInteger position(AllocationRange range, BigInteger index) {
		return range.first().add(range.step().multiply(index));
	}

	private static IPAddress network(String text) {
		return Addresses.parseNetwork("network", text);
	}

	private static IPAddress address(String text) {
		return Addresses.parseAddress("address", text);
	}

	private static BigInteger value(String text) {
		if (text == null) {
			return null;
		}
		return Addresses.valueOf(text.contains("/") ? network(text) : address(text));
	}

	private static List<BigInteger> blocks(String list) {
		return list == null ? List.of() : Arrays.stream(list.trim().split("\\s+")).map(NextFitAllocatorTests::value)
				.collect(Collectors.toList());
	}

	private static List<BigInteger> addresses(String list) {
		return blocks(list);
	}
}

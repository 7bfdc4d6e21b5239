package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of allocate, allocate-a-specific-value and release, over small ranges, against a
 * reference next-fit written the obvious way (positions 0..n-1, a set and a cursor, modular scan).
 * The allocator must agree with it at every step: never a duplicate, never outside the range,
 * never a reserved value, exhausted exactly when the reference is full.
 */
class NextFitAllocatorProperties {

	@Property(tries = 400)
	void agreesWithReferenceNextFit(@ForAll("ranges") RangeCase range, @ForAll("actions") List<Action> actions,
			@ForAll("pageSizes") int pageSize) {
		ReferenceNextFit reference = new ReferenceNextFit(range.size(), range.reservedPositions());
		TreeSet<BigInteger> taken = new TreeSet<>();
		BigInteger cursor = null;
		NextFitAllocator.Taken database = (from, to, limit) -> taken.subSet(from, true, to, true).stream()
				.limit(Math.min(limit, pageSize)).toList();

		for (Action action : actions) {
			int position = action.position() % range.size();
			BigInteger value = range.valueAt(position);
			switch (action.kind()) {
				case ALLOCATE -> {
					Optional<Integer> expected = reference.allocate();
					Optional<BigInteger> actual = NextFitAllocator.next(range.range(), range.reserved(), cursor, database);

					assertThat(actual.map(range::positionOf)).as("next-fit after %s", actions).isEqualTo(expected);
					if (actual.isPresent()) {
						BigInteger got = actual.get();
						assertThat(taken).as("never a duplicate").doesNotContain(got);
						assertThat(range.range().contains(got)).as("inside the range").isTrue();
						assertThat(range.reserved()).as("never reserved").doesNotContain(got);
						taken.add(got);
						cursor = got;
					} else {
						assertThat(taken.size() + range.reservedPositions().size()).as("exhausted only when full")
								.isEqualTo(range.size());
					}
				}
				case ALLOCATE_SPECIFIC -> {
					// a requested value: taken when free, the cursor stays where it is (Kubernetes' Occupy)
					boolean free = reference.allocateSpecific(position);
					if (free) {
						assertThat(taken).doesNotContain(value);
						assertThat(range.reserved()).doesNotContain(value);
						taken.add(value);
					}
				}
				case RELEASE -> {
					reference.release(position);
					taken.remove(value);
				}
			}
			assertThat(taken.stream().map(range::positionOf).collect(Collectors.toSet())).isEqualTo(reference.taken);
		}
	}

	@Property(tries = 100)
	void fillsEveryFreePositionExactlyOnceThenIsExhausted(@ForAll("ranges") RangeCase range,
			@ForAll("pageSizes") int pageSize) {
		TreeSet<BigInteger> taken = new TreeSet<>();
		BigInteger cursor = null;
		List<BigInteger> handedOut = new ArrayList<>();
		NextFitAllocator.Taken database = (from, to, limit) -> taken.subSet(from, true, to, true).stream()
				.limit(Math.min(limit, pageSize)).toList();

		Optional<BigInteger> next;
		while ((next = NextFitAllocator.next(range.range(), range.reserved(), cursor, database)).isPresent()) {
			handedOut.add(next.get());
			taken.add(next.get());
			cursor = next.get();
			assertThat(handedOut.size()).as("terminates").isLessThanOrEqualTo(range.size());
		}

		assertThat(handedOut).as("in address order, each once").isSorted().doesNotHaveDuplicates()
				.hasSize(range.size() - range.reservedPositions().size())
				.noneMatch(range.reserved()::contains);
	}

	@Provide
	Arbitrary<RangeCase> ranges() {
		Arbitrary<RangeCase> fixed = Arbitraries.of(
				RangeCase.nodeAddresses("10.100.0.0/28", "10.100.0.1"),
				RangeCase.nodeAddresses("10.100.0.0/28", "10.100.0.9"),
				RangeCase.nodeAddresses("10.100.0.0/29", "10.100.0.6"),
				RangeCase.nodeAddresses("fd00:10:100::/124", "fd00:10:100::1"),
				RangeCase.nodeAddresses("fd00:10:100::/125", "fd00:10:100::7"),
				RangeCase.podAddresses("10.244.0.0/28"),
				RangeCase.podAddresses("fd00:10:244::/124"),
				RangeCase.subnets("10.10.0.0/22", 24),
				RangeCase.subnets("10.244.0.0/20", 24),
				RangeCase.subnets("2001:db8::/60", 64),
				RangeCase.subnets("2001:db8::/32", 36));
		Arbitrary<RangeCase> generatedIpv6 = Arbitraries.integers().between(1, 5)
				.map(bits -> RangeCase.subnets("2001:db8::/" + (64 - bits), 64));
		return Arbitraries.oneOf(fixed, generatedIpv6);
	}

	@Provide
	Arbitrary<List<Action>> actions() {
		Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(5, Kind.ALLOCATE), Tuple.of(2, Kind.ALLOCATE_SPECIFIC),
				Tuple.of(3, Kind.RELEASE));
		Arbitrary<Action> action = Combinators.combine(kinds, Arbitraries.integers().between(0, 63)).as(Action::new);
		return action.list().ofMinSize(1).ofMaxSize(80);
	}

	@Provide
	Arbitrary<Integer> pageSizes() {
		return Arbitraries.of(1, 2, 3, NextFitAllocator.PAGE);
	}

	enum Kind {
		ALLOCATE, ALLOCATE_SPECIFIC, RELEASE
	}

	record Action(Kind kind, int position) {
	}

	/** A range under test, with positions 0..size-1 mapped to the allocator's values. */
	record RangeCase(String name, AllocationRange range, Set<BigInteger> reserved) {

		static RangeCase nodeAddresses(String network, String gateway) {
			HostPool pool = HostPool.nodeAddresses(Addresses.parseNetwork("n", network), Addresses.parseAddress("g", gateway));
			return new RangeCase("node addresses of " + network + " gateway " + gateway, pool.range(), pool.reserved());
		}

		static RangeCase podAddresses(String subnet) {
			HostPool pool = HostPool.podAddresses(Addresses.parseNetwork("s", subnet));
			return new RangeCase("pod addresses of " + subnet, pool.range(), pool.reserved());
		}

		static RangeCase subnets(String podNetwork, int split) {
			SubnetPool pool = new SubnetPool(Addresses.parseNetwork("p", podNetwork), split);
			return new RangeCase(podNetwork + " into /" + split, pool.range(), Set.of());
		}

		int size() {
			return range.size().intValueExact();
		}

		BigInteger valueAt(int position) {
			return range.first().add(range.step().multiply(BigInteger.valueOf(position)));
		}

		int positionOf(BigInteger value) {
			return value.subtract(range.first()).divide(range.step()).intValueExact();
		}

		Set<Integer> reservedPositions() {
			return reserved.stream().filter(range::contains).map(this::positionOf).collect(Collectors.toSet());
		}

		@Override
		public String toString() {
			return name;
		}
	}

	/** Next-fit the obvious way: a modular scan from just past the cursor. */
	static final class ReferenceNextFit {
		private final int size;
		private final Set<Integer> reserved;
		final Set<Integer> taken = new java.util.HashSet<>();
		private Integer cursor;

		ReferenceNextFit(int size, Set<Integer> reserved) {
			this.size = size;
			this.reserved = reserved;
		}

		Optional<Integer> allocate() {
			int start = cursor == null ? 0 : (cursor + 1) % size;
			for (int i = 0; i < size; i++) {
				int candidate = (start + i) % size;
				if (!taken.contains(candidate) && !reserved.contains(candidate)) {
					taken.add(candidate);
					cursor = candidate;
					return Optional.of(candidate);
				}
			}
			return Optional.empty();
		}

		boolean allocateSpecific(int position) {
			if (taken.contains(position) || reserved.contains(position)) {
				return false;
			}
			taken.add(position);
			return true;
		}

		void release(int position) {
			taken.remove(position);
		}
	}
}

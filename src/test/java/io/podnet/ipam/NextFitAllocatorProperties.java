package io.podnet.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.SeededCases;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sequences of allocate, allocate-a-specific-value and release, over small ranges, against a
 * reference next-fit written the obvious way (positions 0..n-1, a set and a cursor, modular scan).
 * The allocator must agree with it at every step: never a duplicate, never outside the range,
 * never a reserved value, exhausted exactly when the reference is full.
 *
 * <p>Plain JUnit with seeded random cases ({@link SeededCases}), not jqwik: jqwik's licence asks
 * automated agents not to use it. A failure names its seed; {@code -Dpodnet.test.seed=<seed>}
 * runs the same cases again.
 */
class NextFitAllocatorProperties {

	/** Every kind of range the allocator serves: node addresses (gateway reserved), pod addresses, node subnets. */
	static final List<RangeCase> FIXED_RANGES = List.of(
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

	/** IPv6 pod networks of 2^1 to 2^5 node subnets. */
	static final int MIN_GENERATED_BITS = 1;
	static final int MAX_GENERATED_BITS = 5;

	/** Pages of 1 to 3 make the allocator read page after page within one search; PAGE is what it really reads. */
	static final List<Integer> PAGE_SIZES = List.of(1, 2, 3, NextFitAllocator.PAGE);

	/** Action lists of 1 to 80 actions: enough for the small ranges to fill up, wrap around and drain. */
	static final int MIN_ACTIONS = 1;
	static final int MAX_ACTIONS = 80;

	/** Positions 0..63, taken modulo the range's size, so that every position of every range is drawn. */
	static final int POSITIONS = 64;

	@Test
	void agreesWithReferenceNextFit() {
		SeededCases.check("NextFitAllocatorProperties.agreesWithReferenceNextFit", 400, Scenario::random,
				NextFitAllocatorProperties::agreesWithReference);
	}

	static void agreesWithReference(Scenario scenario) {
		RangeCase range = scenario.range();
		ReferenceNextFit reference = new ReferenceNextFit(range.size(), range.reservedPositions());
		TreeSet<BigInteger> taken = new TreeSet<>();
		BigInteger cursor = null;
		NextFitAllocator.Taken database = pagesOf(taken, scenario.pageSize());

		for (int step = 0; step < scenario.actions().size(); step++) {
			Action action = scenario.actions().get(step);
			int position = action.position() % range.size();
			BigInteger value = range.valueAt(position);
			switch (action.kind()) {
				case ALLOCATE -> {
					Optional<Integer> expected = reference.allocate();
					Optional<BigInteger> actual = NextFitAllocator.next(range.range(), range.reserved(), cursor, database);

					assertThat(actual.map(range::positionOf)).as("next-fit at action #%d", step).isEqualTo(expected);
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
			assertThat(taken.stream().map(range::positionOf).collect(Collectors.toSet()))
					.as("taken after action #%d", step).isEqualTo(reference.taken);
		}
	}

	/**
	 * No randomness here: a range and a page size decide the whole run, and there are only 64 of
	 * them, so every one is tried rather than 100 drawn at random (which would leave about a fifth
	 * untried each run).
	 */
	@ParameterizedTest(name = "{0}, pages of {1}")
	@MethodSource("everyRangeAndPageSize")
	void fillsEveryFreePositionExactlyOnceThenIsExhausted(RangeCase range, int pageSize) {
		TreeSet<BigInteger> taken = new TreeSet<>();
		BigInteger cursor = null;
		List<BigInteger> handedOut = new ArrayList<>();
		NextFitAllocator.Taken database = pagesOf(taken, pageSize);

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

	static Stream<Arguments> everyRangeAndPageSize() {
		return everyRange().flatMap(range -> PAGE_SIZES.stream().map(pageSize -> Arguments.of(range, pageSize)));
	}

	static Stream<RangeCase> everyRange() {
		return Stream.concat(FIXED_RANGES.stream(),
				IntStream.rangeClosed(MIN_GENERATED_BITS, MAX_GENERATED_BITS).mapToObj(RangeCase::generatedIpv6));
	}

	/** The taken values as the database hands them out: ascending, at most a page at a time. */
	static NextFitAllocator.Taken pagesOf(TreeSet<BigInteger> taken, int pageSize) {
		return (from, to, limit) -> taken.subSet(from, true, to, true).stream().limit(Math.min(limit, pageSize))
				.toList();
	}

	static <T> T pick(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** One random case: a range, the actions run on it, and the page size the taken values are read in. */
	record Scenario(RangeCase range, List<Action> actions, int pageSize) {

		static Scenario random(SplittableRandom random) {
			return new Scenario(randomRange(random), randomActions(random), pick(random, PAGE_SIZES));
		}

		/** Half the cases over a fixed range, half over a generated IPv6 one. */
		static RangeCase randomRange(SplittableRandom random) {
			return random.nextBoolean() ? pick(random, FIXED_RANGES)
					: RangeCase.generatedIpv6(random.nextInt(MIN_GENERATED_BITS, MAX_GENERATED_BITS + 1));
		}

		static List<Action> randomActions(SplittableRandom random) {
			return IntStream.range(0, random.nextInt(MIN_ACTIONS, MAX_ACTIONS + 1))
					.mapToObj(i -> new Action(Kind.random(random), random.nextInt(POSITIONS))).toList();
		}

		@Override
		public String toString() {
			return range + ", pages of " + pageSize + ", " + actions.size() + " actions " + actions;
		}
	}

	/** Allocations outnumber releases, so that ranges fill up and wrap around; requests sit in between. */
	enum Kind {
		ALLOCATE(5), ALLOCATE_SPECIFIC(2), RELEASE(3);

		private static final int TOTAL_WEIGHT = Arrays.stream(values()).mapToInt(kind -> kind.weight).sum();

		private final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

		static Kind random(SplittableRandom random) {
			int roll = random.nextInt(TOTAL_WEIGHT);
			for (Kind kind : values()) {
				if (roll < kind.weight) {
					return kind;
				}
				roll -= kind.weight;
			}
			throw new AssertionError("unreachable: the roll is below the total weight");
		}
	}

	/** The position matters only to a request or a release; an allocation takes whatever next-fit finds. */
	record Action(Kind kind, int position) {

		@Override
		public String toString() {
			return kind == Kind.ALLOCATE ? "allocate" : kind == Kind.RELEASE ? "release " + position : "request " + position;
		}
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

		/** An IPv6 pod network of 2^bits node subnets (/64s). */
		static RangeCase generatedIpv6(int bits) {
			return subnets("2001:db8::/" + (64 - bits), 64);
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
		final Set<Integer> taken = new HashSet<>();
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

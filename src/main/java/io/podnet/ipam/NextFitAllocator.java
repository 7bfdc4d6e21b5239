package io.podnet.ipam;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Next-fit allocation over a range of equally spaced values (addresses or subnet network
 * addresses), like Kubernetes' range allocator ({@code cidrset}) and the host-local CNI plugin:
 * the search starts just past the value handed out last and wraps around once, so a released
 * value is handed out again only after the cursor has wrapped.
 *
 * <p>There is no bitmap of the range: the caller supplies the taken values in order, a page at a
 * time, so the cost of one allocation depends on the length of the taken run after the cursor,
 * not on the size of the range (an IPv6 /32 split into /64s has 2^32 positions) nor on how much
 * of it is taken elsewhere.
 */
public final class NextFitAllocator {

	/** Taken values are read in pages of this many. */
	static final int PAGE = 256;

	/** The taken values of a range, as the allocator reads them. */
	@FunctionalInterface
	public interface Taken {
		/** Taken values in [from, to], ascending, at most {@code limit} of them. */
		List<BigInteger> ascending(BigInteger from, BigInteger to, int limit);
	}

	private NextFitAllocator() {
	}

	/**
	 * The next free position of {@code range} after {@code lastAllocated} (null: nothing handed out
	 * yet, start at the beginning), skipping {@code reserved} and taken positions; empty when every
	 * position is taken or reserved.
	 */
	public static Optional<BigInteger> next(AllocationRange range, Set<BigInteger> reserved,
			BigInteger lastAllocated, Taken taken) {
		BigInteger start = lastAllocated == null ? range.first() : lastAllocated.add(range.step());
		if (start.compareTo(range.first()) < 0 || start.compareTo(range.last()) > 0) {
			start = range.first();
		}
		Optional<BigInteger> found = firstFree(range.step(), start, range.last(), reserved, taken);
		if (found.isPresent() || start.equals(range.first())) {
			return found;
		}
		return firstFree(range.step(), range.first(), start.subtract(range.step()), reserved, taken);
	}

	/** The first position in [from, to] that is neither taken nor reserved. */
	static Optional<BigInteger> firstFree(BigInteger step, BigInteger from, BigInteger to,
			Set<BigInteger> reserved, Taken taken) {
		BigInteger candidate = from;
		Iterator<BigInteger> page = List.<BigInteger>of().iterator();
		BigInteger nextTaken = null;
		boolean exhaustedTaken = false;
		while (candidate.compareTo(to) <= 0) {
			// advance the taken cursor to the first value >= candidate, reading page after page
			while (!exhaustedTaken && (nextTaken == null || nextTaken.compareTo(candidate) < 0)) {
				if (!page.hasNext()) {
					List<BigInteger> values = taken.ascending(candidate, to, PAGE);
					if (values.isEmpty()) {
						exhaustedTaken = true;
						nextTaken = null;
						break;
					}
					page = values.iterator();
				}
				nextTaken = page.next();
			}
			boolean isTaken = nextTaken != null && nextTaken.equals(candidate);
			if (!isTaken && !reserved.contains(candidate)) {
				return Optional.of(candidate);
			}
			candidate = candidate.add(step);
		}
		return Optional.empty();
	}
}

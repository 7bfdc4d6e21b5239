package io.podnet.reachability;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The addresses someone owns in one block (a node's pod subnet, the node network), kept as offsets
 * from the block's first address: a bit each for the first 65,536 (where host-local and next-fit
 * allocation put nearly everything), a set for the rest. Answers "the first address nobody owns",
 * the representative of a block's unallocated addresses, in at most one step per owner.
 */
final class TakenAddresses {

	private static final int DENSE = 1 << 16;

	private final BigInteger first;
	private final BitSet dense = new BitSet();
	private final Set<BigInteger> sparse = new HashSet<>();

	TakenAddresses(BigInteger first) {
		this.first = first;
	}

	void take(BigInteger address) {
		BigInteger offset = address.subtract(first);
		if (offset.signum() >= 0 && offset.compareTo(BigInteger.valueOf(DENSE)) < 0) {
			dense.set(offset.intValue());
		} else {
			sparse.add(address);
		}
	}

	boolean taken(BigInteger address) {
		BigInteger offset = address.subtract(first);
		if (offset.signum() >= 0 && offset.compareTo(BigInteger.valueOf(DENSE)) < 0) {
			return dense.get(offset.intValue());
		}
		return sparse.contains(address);
	}

	/**
	 * The lowest address in [low, high] that nobody owns, trying low itself last (a block's network
	 * address reads badly in an example, though nobody owns it either); null if every one is taken.
	 */
	BigInteger firstFree(BigInteger low, BigInteger high) {
		for (BigInteger candidate = low.add(BigInteger.ONE); candidate.compareTo(high) <= 0;
				candidate = candidate.add(BigInteger.ONE)) {
			if (!taken(candidate)) {
				return candidate;
			}
		}
		return taken(low) ? null : low;
	}
}

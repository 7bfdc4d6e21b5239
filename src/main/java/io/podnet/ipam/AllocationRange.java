package io.podnet.ipam;

import java.math.BigInteger;

/**
 * The positions {@code first, first + step, ...} up to {@code last} (inclusive) that an allocator
 * may hand out. For addresses the step is 1; for node subnets it is the subnet's size, so every
 * position is an aligned network address.
 */
public record AllocationRange(BigInteger first, BigInteger last, BigInteger step) {

	public AllocationRange {
		if (step.signum() <= 0) {
			throw new IllegalArgumentException("step must be positive: " + step);
		}
	}

	/** How many positions the range holds (0 when last < first). */
	public BigInteger size() {
		if (last.compareTo(first) < 0) {
			return BigInteger.ZERO;
		}
		return last.subtract(first).divide(step).add(BigInteger.ONE);
	}

	public boolean contains(BigInteger value) {
		return value.compareTo(first) >= 0 && value.compareTo(last) <= 0
				&& value.subtract(first).mod(step).signum() == 0;
	}
}

package io.podnet.bench;

import static io.podnet.bench.Format.f;

import java.util.Locale;

/** Whether a measured figure meets one of issue 6's targets, and by how much it misses. */
final class Verdict {

	private Verdict() {
	}

	/** A "at least" target: met, or missed with the shortfall. */
	static String atLeast(double actual, double target) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual >= target) {
			return "**met** (" + String.format(Locale.ROOT, "%.0f%%", (actual / target - 1) * 100) + " above)";
		}
		return "**missed** by " + String.format(Locale.ROOT, "%.0f%%", (1 - actual / target) * 100)
				+ " (needs " + String.format(Locale.ROOT, "%.2f×", target / actual) + " the measured rate)";
	}

	/** A "between" target: met, or missed with how far outside. */
	static String within(double actual, double low, double high) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual >= low && actual <= high) {
			return "**met**";
		}
		return actual > high ? "**missed**: " + String.format(Locale.ROOT, "%.1f×", actual / high) + " the upper bound"
				: "**missed**: the first page takes " + String.format(Locale.ROOT, "%.2f×", 1 / actual)
						+ " the last page's time";
	}

	/** An "at most" target: met, or missed with the excess. */
	static String atMost(double actual, double limit, String unit) {
		if (Double.isNaN(actual)) {
			return "not measured";
		}
		if (actual <= limit) {
			return "**met** (" + String.format(Locale.ROOT, "%.0f%%", (1 - actual / limit) * 100) + " below the limit)";
		}
		return "**missed** by " + f(actual - limit) + unit + " (" + String.format(Locale.ROOT, "%.1f×", actual / limit)
				+ " the limit)";
	}
}

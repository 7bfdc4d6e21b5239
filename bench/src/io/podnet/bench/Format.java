package io.podnet.bench;

import java.util.Locale;

/** Figures as the report writes them; NaN (not measured) is "–". */
final class Format {

	private Format() {
	}

	/** Three significant digits or so: 1,234 / 12.3 / 1.23. */
	static String f(double v) {
		if (Double.isNaN(v)) {
			return "–";
		}
		if (Math.abs(v) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", v);
		}
		if (Math.abs(v) >= 10) {
			return String.format(Locale.ROOT, "%.1f", v);
		}
		return String.format(Locale.ROOT, "%.2f", v);
	}

	/** A ratio. */
	static String x(double v) {
		return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
	}

	static String mib(long kb) {
		return kb < 0 ? "–" : String.format(Locale.ROOT, "%,d MiB", Math.round(kb / 1024.0));
	}

	/** A share, 0.25 as 25%. */
	static String percent(double v) {
		return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
	}

	/** A count with thousands separators. */
	static String count(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}
}

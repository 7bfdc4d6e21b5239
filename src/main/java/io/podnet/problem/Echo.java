package io.podnet.problem;

import java.util.Collection;
import java.util.Map;

/**
 * How a refused value is shown back in a problem: short scalars as they were, long text cut,
 * lists by their size, objects not at all. A hostile request must not be able to make the answer
 * larger than the question, nor show the server's types.
 */
public final class Echo {

	static final int MAX_TEXT = 120;

	private Echo() {
	}

	/** The value as shown in a problem, or null when it is better not shown. */
	public static String of(Object value) {
		if (value instanceof Collection<?> list) {
			return "a list of " + list.size() + " item(s)";
		}
		if (value instanceof Map<?, ?> map) {
			return "an object of " + map.size() + " field(s)";
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean || value instanceof Enum) {
			return cut(String.valueOf(value));
		}
		return null;
	}

	public static String cut(String text) {
		return cut(text, MAX_TEXT);
	}

	public static String cut(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		return text.substring(0, max) + "… (" + text.length() + " characters)";
	}
}

package io.podnet.problem;

/**
 * A query parameter podnet cannot parse (400), such as a label selector with a syntax error. The
 * detail names the parameter, quotes it and says where parsing stopped and what was expected there.
 */
public class InvalidQuery extends Problem {

	/** A detail longer than this is cut: it quotes the (hostile) input. */
	private static final int MAX_DETAIL = 1000;

	/**
	 * @param parameter the query parameter
	 * @param value its value as sent
	 * @param position the 0-based index of the character where parsing stopped, or -1 if none applies
	 * @param reason what was wrong there and what would be valid
	 */
	public InvalidQuery(String parameter, String value, int position, String reason) {
		super(Echo.cut(parameter + ": '" + Echo.of(value) + "' " + (position >= 0 ? "at position " + position + ": " : "")
				+ reason, MAX_DETAIL));
		with("field", parameter).with("value", Echo.of(value));
		if (position >= 0) {
			with("position", position);
		}
	}

	@Override
	public int status() {
		return 400;
	}

	@Override
	public String slug() {
		return "invalid-query";
	}

	@Override
	public String title() {
		return "Invalid query parameter";
	}
}

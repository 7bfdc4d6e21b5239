package io.podnet.problem;

/** A field holds a value podnet cannot accept (422). The detail says what would be valid. */
public class InvalidValue extends Problem {

	private final String field;

	/** A detail longer than this is cut: the reason may quote the (hostile) input. */
	private static final int MAX_DETAIL = 1000;

	public InvalidValue(String field, Object value, String reason) {
		super(Echo.cut(field + ": " + describe(value) + " " + reason, MAX_DETAIL));
		this.field = field;
		with("field", field).with("value", Echo.of(value));
	}

	private static String describe(Object value) {
		String shown = Echo.of(value);
		return value == null ? "missing value" : shown == null ? "the value" : "'" + shown + "'";
	}

	public String field() {
		return field;
	}

	@Override
	public int status() {
		return 422;
	}

	@Override
	public String slug() {
		return "invalid-value";
	}

	@Override
	public String title() {
		return "Invalid value";
	}
}

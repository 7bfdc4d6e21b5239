package io.podnet.system;

/** A field holds a value podnet cannot accept (422). The detail says what would be valid. */
public class InvalidValue extends Problem {

	private final String field;

	public InvalidValue(String field, Object value, String reason) {
		super(field + ": " + describe(value) + " " + reason);
		this.field = field;
		with("field", field).with("value", value == null ? null : String.valueOf(value));
	}

	private static String describe(Object value) {
		return value == null ? "missing value" : "'" + value + "'";
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

package io.podnet.labels;

import java.util.List;
import java.util.Map;

/**
 * One requirement of a label selector, as Kubernetes' labels.Requirement: a key, an operator and
 * the values it compares with (one for =, ==, !=, gt and lt; a set for in and notin; none for
 * exists and !).
 */
public record Requirement(String key, Operator operator, List<String> values) {

	public enum Operator {
		EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN("in"), NOT_IN("notin"), EXISTS(""), DOES_NOT_EXIST("!"),
		GREATER_THAN(">"), LESS_THAN("<");

		final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		/** Whether every object this requirement selects has the key with one of {@link #values}. */
		public boolean selectsByValue() {
			return this == EQUALS || this == DOUBLE_EQUALS || this == IN;
		}
	}

	public Requirement {
		// a set, written sorted as Kubernetes writes it
		values = operator == Operator.IN || operator == Operator.NOT_IN ? values.stream().distinct().sorted().toList()
				: List.copyOf(values);
	}

	/** Kubernetes' Requirement.Matches: a missing key matches only !=, notin and !. */
	public boolean matches(Map<String, String> labels) {
		String value = labels.get(key);
		boolean has = value != null;
		return switch (operator) {
			case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(value);
			case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
			case EXISTS -> has;
			case DOES_NOT_EXIST -> !has;
			case GREATER_THAN, LESS_THAN -> has && compares(value);
		};
	}

	/** gt and lt compare integers; a label value that is not one never matches. */
	private boolean compares(String value) {
		long actual;
		try {
			actual = Long.parseLong(value);
		} catch (NumberFormatException e) {
			return false;
		}
		long bound = Long.parseLong(values.get(0));
		return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
	}

	/** The requirement as Kubernetes writes it back: x=a, x in (a,b), !x, x>1. */
	@Override
	public String toString() {
		return switch (operator) {
			case EXISTS -> key;
			case DOES_NOT_EXIST -> "!" + key;
			case IN, NOT_IN -> key + " " + operator.symbol + " (" + String.join(",", values) + ")";
			default -> key + operator.symbol + values.get(0);
		};
	}
}

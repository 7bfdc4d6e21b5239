package io.podnet.labels;

import io.podnet.problem.InvalidQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A field selector, as Kubernetes' fields.ParseSelector reads the {@code fieldSelector} parameter:
 * terms joined by ',', each {@code field=value}, {@code field==value} or {@code field!=value}; a
 * backslash escapes ',', '=' or '\' in a value. Only the fields a list supports may be named
 * (for pods, as in Kubernetes: metadata.name, metadata.namespace, spec.nodeName, status.podIP).
 */
public record FieldSelector(List<Term> terms) {

	public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

	/** One term: the field equals (or differs from) the value. */
	public record Term(String field, boolean equals, String value) {

		boolean matches(String actual) {
			return equals == value.equals(actual);
		}
	}

	public FieldSelector {
		terms = List.copyOf(terms);
	}

	/** The selector of a {@code fieldSelector} parameter; null or blank selects everything. */
	public static FieldSelector parse(String parameter, String text, List<String> fields) {
		if (text == null || text.isBlank()) {
			return EVERYTHING;
		}
		List<Term> terms = new ArrayList<>();
		int start = 0;
		for (String term : split(text)) {
			terms.add(term(parameter, text, term, start, fields));
			start += term.length() + 1;
		}
		return new FieldSelector(terms);
	}

	/** Whether an object whose fields are read by {@code field} is selected. */
	public boolean matches(Function<String, String> field) {
		for (Term term : terms) {
			if (!term.matches(field.apply(term.field))) {
				return false;
			}
		}
		return true;
	}

	/** The value the field must equal, if a term says so (the first such term). */
	public Optional<String> required(String field) {
		return terms.stream().filter(t -> t.equals && t.field.equals(field)).map(Term::value).findFirst();
	}

	private static Term term(String parameter, String text, String term, int position, List<String> fields) {
		for (int i = 0; i < term.length(); i++) {
			char c = term.charAt(i);
			if (c == '\\') {
				i++;
				continue;
			}
			boolean notEquals = c == '!' && i + 1 < term.length() && term.charAt(i + 1) == '=';
			if (c != '=' && !notEquals) {
				continue;
			}
			String field = term.substring(0, i).strip();
			int valueStart = notEquals || (i + 1 < term.length() && term.charAt(i + 1) == '=') ? i + 2 : i + 1;
			if (!fields.contains(field)) {
				throw new InvalidQuery(parameter, text, position, "'" + field + "' is not a field this list can select "
						+ "on; supported: " + String.join(", ", fields));
			}
			return new Term(field, !notEquals, unescape(parameter, text, term.substring(valueStart), position + valueStart));
		}
		throw new InvalidQuery(parameter, text, position, "'" + term + "' is not a term; expected field=value, "
				+ "field==value or field!=value, terms joined by ','");
	}

	/** The terms, split at every ',' that no backslash escapes. */
	private static List<String> split(String text) {
		List<String> terms = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == ',') {
				terms.add(text.substring(start, i));
				start = i + 1;
			}
		}
		terms.add(text.substring(start));
		return terms;
	}

	private static String unescape(String parameter, String text, String value, int position) {
		StringBuilder plain = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				if (i + 1 >= value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
					throw new InvalidQuery(parameter, text, position + i, "a backslash escapes only ',', '=' or '\\'");
				}
				c = value.charAt(++i);
			} else if (c == '=' || c == ',') {
				throw new InvalidQuery(parameter, text, position + i, "'" + c + "' in a value must be escaped with '\\'");
			}
			plain.append(c);
		}
		return plain.toString();
	}
}

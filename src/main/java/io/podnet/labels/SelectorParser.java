package io.podnet.labels;

import io.podnet.labels.Requirement.Operator;
import io.podnet.problem.InvalidQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a label selector with Kubernetes' grammar (k8s.io/apimachinery/pkg/labels, Parse):
 *
 * <pre>
 *   selector    = [ requirement { "," requirement } ]
 *   requirement = [ "!" ] key
 *               | key ( "=" | "==" | "!=" | ">" | "<" ) [ value ]
 *               | key ( "in" | "notin" ) "(" [ value ] { "," [ value ] } ")"
 * </pre>
 *
 * Whitespace separates tokens and is otherwise ignored; any run of characters other than
 * whitespace and {@code = ! ( ) , > <} is one identifier; {@code in} and {@code notin} are operators
 * only where an operator is expected. Keys and values are checked as label keys and values, and
 * the value of {@code >} and {@code <} must be an integer. An error names the 0-based position of
 * the token where parsing stopped and what was expected there.
 */
final class SelectorParser {

	private enum Kind {
		IDENTIFIER, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN, OPEN, CLOSE, COMMA, END
	}

	private record Token(Kind kind, String text, int position) {

		String shown() {
			return kind == Kind.END ? "end of string" : "'" + text + "'";
		}
	}

	private final String parameter;
	private final String text;
	private final List<Token> tokens;
	private int next;

	SelectorParser(String parameter, String text) {
		this.parameter = parameter;
		this.text = text;
		this.tokens = lex(text);
	}

	LabelSelector parse() {
		List<Requirement> requirements = new ArrayList<>();
		Token first = peek();
		if (first.kind == Kind.END) {
			return LabelSelector.EVERYTHING;
		}
		while (true) {
			Token start = peek();
			if (start.kind != Kind.IDENTIFIER && start.kind != Kind.NOT) {
				throw error(start, "expected '!', a label key or the end of the selector");
			}
			requirements.add(requirement());
			Token after = take();
			if (after.kind == Kind.END) {
				return new LabelSelector(requirements);
			}
			if (after.kind != Kind.COMMA) {
				throw error(after, "expected ',' or the end of the selector");
			}
			Token following = peek();
			if (following.kind != Kind.IDENTIFIER && following.kind != Kind.NOT) {
				throw error(following, "expected '!' or a label key after ','");
			}
		}
	}

	private Requirement requirement() {
		boolean not = peek().kind == Kind.NOT;
		if (not) {
			take();
		}
		Token key = take();
		if (key.kind != Kind.IDENTIFIER) {
			throw error(key, "expected a label key");
		}
		checkKey(key);
		Kind following = peek().kind;
		if (not || following == Kind.END || following == Kind.COMMA) {
			return new Requirement(key.text, not ? Operator.DOES_NOT_EXIST : Operator.EXISTS, List.of());
		}
		Token operator = take();
		return switch (operator.kind) {
			case EQUALS -> exact(key, Operator.EQUALS);
			case DOUBLE_EQUALS -> exact(key, Operator.DOUBLE_EQUALS);
			case NOT_EQUALS -> exact(key, Operator.NOT_EQUALS);
			case GREATER_THAN -> integer(key, Operator.GREATER_THAN);
			case LESS_THAN -> integer(key, Operator.LESS_THAN);
			case IDENTIFIER -> switch (operator.text) {
				case "in" -> new Requirement(key.text, Operator.IN, set());
				case "notin" -> new Requirement(key.text, Operator.NOT_IN, set());
				default -> throw error(operator, "expected an operator: in, notin, =, ==, !=, >, <");
			};
			default -> throw error(operator, "expected an operator: in, notin, =, ==, !=, >, <");
		};
	}

	/** The value after =, == or !=: an identifier, or none (the empty value) before ',' or the end. */
	private Requirement exact(Token key, Operator operator) {
		return new Requirement(key.text, operator, List.of(value()));
	}

	private String value() {
		Token token = peek();
		if (token.kind == Kind.END || token.kind == Kind.COMMA) {
			return "";
		}
		take();
		if (token.kind != Kind.IDENTIFIER) {
			throw error(token, "expected a label value");
		}
		checkValue(token);
		return token.text;
	}

	private Requirement integer(Token key, Operator operator) {
		Token token = take();
		if (token.kind != Kind.IDENTIFIER) {
			throw error(token, "expected an integer value");
		}
		try {
			Long.parseLong(token.text);
		} catch (NumberFormatException e) {
			throw error(token, "expected an integer value for '" + operator.symbol + "'");
		}
		return new Requirement(key.text, operator, List.of(token.text));
	}

	/** "(" [value] {"," [value]} ")": an empty slot is the empty value, as in Kubernetes. */
	private List<String> set() {
		Token open = take();
		if (open.kind != Kind.OPEN) {
			throw error(open, "expected '('");
		}
		List<String> values = new ArrayList<>();
		while (true) {
			Token token = take();
			switch (token.kind) {
				case IDENTIFIER -> {
					checkValue(token);
					values.add(token.text);
					Token after = take();
					if (after.kind == Kind.CLOSE) {
						return values;
					}
					if (after.kind != Kind.COMMA) {
						throw error(after, "expected ',' or ')'");
					}
					if (peek().kind == Kind.CLOSE) {
						take();
						values.add("");
						return values;
					}
				}
				case COMMA -> {
					values.add("");
					if (peek().kind == Kind.CLOSE) {
						take();
						values.add("");
						return values;
					}
				}
				case CLOSE -> {
					values.add("");
					return values;
				}
				default -> throw error(token, "expected a label value, ',' or ')'");
			}
		}
	}

	private void checkKey(Token key) {
		String problem = LabelSyntax.keyProblem(key.text);
		if (problem != null) {
			throw error(key, "'" + key.text + "' " + problem);
		}
	}

	private void checkValue(Token value) {
		String problem = LabelSyntax.valueProblem(value.text);
		if (problem != null) {
			throw error(value, "'" + value.text + "' " + problem);
		}
	}

	private Token peek() {
		return tokens.get(next);
	}

	private Token take() {
		Token token = tokens.get(next);
		if (token.kind != Kind.END) {
			next++;
		}
		return token;
	}

	private InvalidQuery error(Token token, String expected) {
		String found = token.kind == Kind.END ? "found the end of the selector" : "found " + token.shown();
		return new InvalidQuery(parameter, text, token.position, found + ", " + expected
				+ " (label selector syntax: key=value, key!=value, key in (a,b), key notin (a,b), key, !key, "
				+ "key>1, key<1, joined by ',')");
	}

	private static List<Token> lex(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (isWhitespace(c)) {
				i++;
				continue;
			}
			int start = i;
			if (isSpecial(c)) {
				String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
				Kind kind;
				if (two.equals("!=") || two.equals("==")) {
					kind = two.equals("!=") ? Kind.NOT_EQUALS : Kind.DOUBLE_EQUALS;
					i += 2;
				} else {
					kind = switch (c) {
						case '!' -> Kind.NOT;
						case '=' -> Kind.EQUALS;
						case '(' -> Kind.OPEN;
						case ')' -> Kind.CLOSE;
						case ',' -> Kind.COMMA;
						case '>' -> Kind.GREATER_THAN;
						default -> Kind.LESS_THAN;
					};
					i++;
				}
				tokens.add(new Token(kind, text.substring(start, i), start));
				continue;
			}
			while (i < text.length() && !isWhitespace(text.charAt(i)) && !isSpecial(text.charAt(i))) {
				i++;
			}
			tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), start));
		}
		tokens.add(new Token(Kind.END, "", text.length()));
		return tokens;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n';
	}

	private static boolean isSpecial(char c) {
		return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
	}
}

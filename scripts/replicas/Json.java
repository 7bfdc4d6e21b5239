package replicas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal JSON reader: objects, arrays, strings, numbers, true/false/null. */
final class Json {
	final Object value;

	Json(Object value) {
		this.value = value;
	}

	static Json parse(String text) {
		Reader r = new Reader(text);
		Object v = r.value();
		return new Json(v);
	}

	static List<Json> parseList(String text) {
		return parse(text).list();
	}

	@SuppressWarnings("unchecked")
	Json get(String key) {
		Object v = ((Map<String, Object>) value).get(key);
		return v == null ? null : new Json(v);
	}

	String str(String key) {
		Json j = get(key);
		return j == null ? null : String.valueOf(j.value);
	}

	double num(String key) {
		return ((Number) get(key).value).doubleValue();
	}

	@SuppressWarnings("unchecked")
	List<Json> list() {
		List<Json> out = new ArrayList<>();
		for (Object o : (List<Object>) value) {
			out.add(new Json(o));
		}
		return out;
	}

	static final class Reader {
		final String s;
		int i;

		Reader(String s) {
			this.s = s;
		}

		Object value() {
			ws();
			char c = s.charAt(i);
			if (c == '{') {
				i++;
				Map<String, Object> m = new LinkedHashMap<>();
				ws();
				if (s.charAt(i) == '}') {
					i++;
					return m;
				}
				while (true) {
					ws();
					String k = string();
					ws();
					expect(':');
					m.put(k, value());
					ws();
					if (s.charAt(i) == ',') {
						i++;
					} else {
						expect('}');
						return m;
					}
				}
			}
			if (c == '[') {
				i++;
				List<Object> l = new ArrayList<>();
				ws();
				if (s.charAt(i) == ']') {
					i++;
					return l;
				}
				while (true) {
					l.add(value());
					ws();
					if (s.charAt(i) == ',') {
						i++;
					} else {
						expect(']');
						return l;
					}
				}
			}
			if (c == '"') {
				return string();
			}
			if (s.startsWith("true", i)) {
				i += 4;
				return Boolean.TRUE;
			}
			if (s.startsWith("false", i)) {
				i += 5;
				return Boolean.FALSE;
			}
			if (s.startsWith("null", i)) {
				i += 4;
				return null;
			}
			int start = i;
			while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
				i++;
			}
			return Double.parseDouble(s.substring(start, i));
		}

		String string() {
			expect('"');
			StringBuilder b = new StringBuilder();
			while (true) {
				char c = s.charAt(i++);
				if (c == '"') {
					return b.toString();
				}
				if (c == '\\') {
					char e = s.charAt(i++);
					switch (e) {
						case 'n' -> b.append('\n');
						case 't' -> b.append('\t');
						case 'r' -> b.append('\r');
						case 'b' -> b.append('\b');
						case 'f' -> b.append('\f');
						case 'u' -> {
							b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
							i += 4;
						}
						default -> b.append(e);
					}
				} else {
					b.append(c);
				}
			}
		}

		void ws() {
			while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
				i++;
			}
		}

		void expect(char c) {
			if (s.charAt(i) != c) {
				throw new IllegalArgumentException("JSON: expected '" + c + "' at " + i + " in " + s);
			}
			i++;
		}
	}
}

package io.podnet.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schema patterns that a client generated in any language reads as the server does. The server's
 * Bean Validation {@code @Pattern} must match the whole value (Matcher.matches) and is Java regex;
 * a document's pattern is ECMA-262 and matches anywhere in the value, and Python's re knows no
 * {@code \p{…}}. So every pattern is anchored, and Java's Unicode categories are written out as the
 * code points they stand for. (springdoc copies {@code @Pattern} into the document and a
 * {@code @Schema(pattern = …)} does not override it, hence this customizer.)
 */
final class PortablePatterns {

	/**
	 * The server's image rule, {@code [^\p{Cc}\p{Cf}\p{Z}]+}: no control (Cc), format (Cf) or
	 * separator (Z) character. The class below lists those of the Basic Multilingual Plane, as of the
	 * Unicode version of Java 17 (PortablePatternsTests checks every BMP code point against Java).
	 * The astral format characters ({@link #ASTRAL_FORMAT_CHARACTERS}) cannot be named portably (an
	 * ECMA-262 pattern without the u flag sees only their surrogate halves), so a client lets them
	 * through and the server refuses them with 422.
	 */
	static final String JAVA_IMAGE = "[^\\p{Cc}\\p{Cf}\\p{Z}]+";
	static final String PORTABLE_IMAGE = "^[^\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f"
			+ "\\u08e2\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u2066-\\u206f\\u3000\\ufeff"
			+ "\\ufff9-\\ufffb]+$";
	/** Code point ranges, inclusive: Cf outside the BMP in Java 17 (Unicode 13). */
	static final List<int[]> ASTRAL_FORMAT_CHARACTERS = List.of(new int[] { 0x110BD, 0x110BD },
			new int[] { 0x110CD, 0x110CD }, new int[] { 0x13430, 0x13438 }, new int[] { 0x1BCA0, 0x1BCA3 },
			new int[] { 0x1D173, 0x1D17A }, new int[] { 0xE0001, 0xE0001 }, new int[] { 0xE0020, 0xE007F });

	private static final Map<String, String> TRANSLATIONS = Map.of(JAVA_IMAGE, PORTABLE_IMAGE);

	private PortablePatterns() {
	}

	/** The documented, portable form of a server-side (Java, whole-value) pattern. */
	static String portable(String javaPattern) {
		String translated = TRANSLATIONS.get(javaPattern);
		if (translated != null) {
			return translated;
		}
		if (javaPattern.contains("\\p{") || javaPattern.contains("\\P{")) {
			throw new IllegalStateException("pattern " + javaPattern + " uses a Java Unicode class that other "
					+ "languages do not read; add its portable form to PortablePatterns");
		}
		if (javaPattern.startsWith("^") && javaPattern.endsWith("$")) {
			return javaPattern;
		}
		// an alternation binds looser than the anchors: ^a|b$ would be "starts with a, or ends with b"
		return javaPattern.contains("|") ? "^(?:" + javaPattern + ")$" : "^" + javaPattern + "$";
	}

	static void apply(OpenAPI openApi) {
		Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		if (openApi.getComponents().getSchemas() != null) {
			openApi.getComponents().getSchemas().values().forEach(schema -> apply(schema, seen));
		}
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getParameters() != null) {
				for (Parameter parameter : operation.getParameters()) {
					apply(parameter.getSchema(), seen);
				}
			}
		}));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void apply(Schema<?> schema, Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return;
		}
		if (schema.getPattern() != null) {
			schema.setPattern(portable(schema.getPattern()));
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> apply(property, seen));
		}
		apply(schema.getItems(), seen);
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			apply(additional, seen);
		}
		for (List<Schema> composed : List.of(nullToEmpty(schema.getAllOf()), nullToEmpty(schema.getAnyOf()),
				nullToEmpty(schema.getOneOf()))) {
			composed.forEach(part -> apply(part, seen));
		}
	}

	@SuppressWarnings("rawtypes")
	private static List<Schema> nullToEmpty(List<Schema> schemas) {
		return schemas == null ? List.of() : schemas;
	}
}

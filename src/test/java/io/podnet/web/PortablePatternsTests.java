package io.podnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The patterns of openapi.yaml accept and refuse what the server's Bean Validation does, read as
 * a client generated from the document reads them: ECMA-262, searched anywhere in the value.
 */
class PortablePatternsTests {

	private static final java.util.regex.Pattern JAVA_IMAGE = java.util.regex.Pattern.compile(PortablePatterns.JAVA_IMAGE);

	/**
	 * Values near every edge of the rules: case, separators, ends, whitespace, format characters, other
	 * scripts. No astral format character: those are the documented exception (see the test below).
	 */
	private static final List<String> SAMPLES = List.of("", "a", "demo", "node-1", "web", "a-b", "a--b", "0", "-a", "a-",
			"-", "Bad_Name", "UPPER", "a.b", "a b", "a/b", "demo\n", "\ndemo", "demo\r\n", "x".repeat(63), "nginx:1.27",
			"scrapy/scrapyd", "registry.k8s.io/pause:3.10", "nginx@sha256:abc", "nginx 1.27", " nginx", "nginx ",
			"nginx\t", "ng\u0000inx", "ng\u007finx", "ng\u0085inx", "ng\u00a0inx", "ng\u00adinx", "ng\u200binx",
			"ng\u200dinx", "ng\u2028inx", "ng\u202einx", "ng\u2060inx", "ng\u3000inx", "ng\ufeffinx", "nginx\ufffb",
			"ünïcödé", "образ", "画像", "emoji\ud83d\ude00", "TCP", "tcp", "UDP", "SCTP", "TCPUDP",
			"xTCP", "TCP\n", "viewer", "editor", "admin", "admins", "Viewer", "viewer|editor");

	/** Every BMP code point is refused by the documented image pattern exactly when Java's rule refuses it. */
	@Test
	void theImageClassIsJavasCcCfZInTheBasicMultilingualPlane() {
		java.util.regex.Pattern portable = ecma(PortablePatterns.PORTABLE_IMAGE);
		List<String> differences = new ArrayList<>();
		for (int c = 0; c <= 0xFFFF; c++) {
			String value = "a" + (char) c + "b";
			if (JAVA_IMAGE.matcher(value).matches() != portable.matcher(value).find()) {
				differences.add(String.format("U+%04X (%s)", c, Character.getName(c)));
			}
		}
		assertThat(differences).as("code points where the documented image pattern and Java's disagree").isEmpty();
	}

	/** The astral format characters the pattern cannot name are exactly those listed (and left to the server). */
	@Test
	void theAstralFormatCharactersAreTheListedOnes() {
		Set<Integer> refusedByJava = new TreeSet<>();
		for (int c = 0x10000; c <= Character.MAX_CODE_POINT; c++) {
			if (!JAVA_IMAGE.matcher(Character.toString(c)).matches()) {
				refusedByJava.add(c);
			}
		}
		Set<Integer> listed = new TreeSet<>();
		PortablePatterns.ASTRAL_FORMAT_CHARACTERS.forEach(range -> {
			for (int c = range[0]; c <= range[1]; c++) {
				listed.add(c);
			}
		});
		assertThat(refusedByJava).isEqualTo(listed);
	}

	@Test
	void patternsAreAnchoredAndAlternationsGrouped() {
		assertThat(PortablePatterns.portable("[a-z0-9]([-a-z0-9]*[a-z0-9])?")).isEqualTo("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
		assertThat(PortablePatterns.portable("TCP|UDP|SCTP")).isEqualTo("^(?:TCP|UDP|SCTP)$");
		assertThat(PortablePatterns.portable(PortablePatterns.JAVA_IMAGE)).isEqualTo(PortablePatterns.PORTABLE_IMAGE);
		assertThat(ecma(PortablePatterns.portable("[a-z0-9]([-a-z0-9]*[a-z0-9])?")).matcher("Bad_Name").find()).isFalse();
	}

	/**
	 * Every pattern in openapi.yaml is the portable form of a {@code @Pattern} of a request class,
	 * every such rule is documented, and each pair agrees on every sample.
	 */
	@Test
	void everyDocumentedPatternDecidesAsTheServerDoes() throws Exception {
		Set<String> documented = documentedPatterns();
		Set<String> rules = serverPatterns();
		Set<String> portable = new TreeSet<>();
		rules.forEach(regex -> portable.add(PortablePatterns.portable(regex)));
		assertThat(documented).as("patterns in openapi.yaml").isEqualTo(portable);
		for (String regex : rules) {
			java.util.regex.Pattern server = java.util.regex.Pattern.compile(regex);
			java.util.regex.Pattern client = ecma(PortablePatterns.portable(regex));
			for (String sample : SAMPLES) {
				assertThat(client.matcher(sample).find()).as("documented %s on %s", client, escaped(sample))
						.isEqualTo(server.matcher(sample).matches());
			}
		}
	}

	/**
	 * A documented pattern as a client reads it: ECMA-262 without flags, searched, where {@code $}
	 * is the end of the value only (Java's {@code $} would also match before a final line break).
	 */
	private static java.util.regex.Pattern ecma(String documented) {
		assertThat(documented).startsWith("^").endsWith("$").doesNotContain("\\p{", "\\P{", "\\z", "\\Z", "\\A");
		return java.util.regex.Pattern.compile(documented.substring(0, documented.length() - 1) + "\\z");
	}

	private static Set<String> serverPatterns() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
		Set<String> patterns = new TreeSet<>();
		for (BeanDefinition definition : scanner.findCandidateComponents("io.podnet")) {
			Class<?> type = Class.forName(definition.getBeanClassName());
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					collect(component.getAnnotatedType(), patterns);
				}
			}
		}
		return patterns;
	}

	/** The component's own @Pattern and those on its type arguments, e.g. List<@Pattern String>. */
	private static void collect(AnnotatedType type, Set<String> patterns) {
		Pattern pattern = type.getAnnotation(Pattern.class);
		if (pattern != null) {
			patterns.add(pattern.regexp());
		}
		if (type instanceof AnnotatedParameterizedType parameterized) {
			for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
				collect(argument, patterns);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Set<String> documentedPatterns() throws IOException {
		Map<String, Object> document;
		try (Reader reader = Files.newBufferedReader(Path.of("openapi.yaml"), StandardCharsets.UTF_8)) {
			document = new Yaml(new LoaderOptions()).load(reader);
		}
		Set<String> patterns = new TreeSet<>();
		walk(document, patterns);
		return patterns;
	}

	@SuppressWarnings("unchecked")
	private static void walk(Object node, Set<String> patterns) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("pattern".equals(key) && value instanceof String pattern) {
					patterns.add(pattern);
				} else {
					walk(value, patterns);
				}
			});
		} else if (node instanceof List<?> list) {
			list.forEach(item -> walk(item, patterns));
		}
	}

	private static String escaped(String sample) {
		StringBuilder text = new StringBuilder();
		sample.codePoints().forEach(c -> text.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u{%X}", c)));
		return "'" + text + "'";
	}
}

package io.podnet.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

class SvgTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			markup characters become entities        | <script>alert('x')</script> & "q" | &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;
			a control character XML forbids is FFFD  | a\u0001b                           | a\uFFFDb
			an unpaired surrogate is FFFD            | x\uD800y                           | x\uFFFDy
			a paired surrogate (emoji) stays         | pod 🐘                             | pod 🐘
			""")
	void escapesWhatWouldBreakTheMarkup(String description, String text, String escaped) {
		assertThat(Svg.escape(text)).isEqualTo(escaped);
	}

	@Test
	void hostileTextStaysTextAndTheWholeOfItIsInTheTooltip() {
		String hostile = "</text><script>alert(1)</script><text>&amp;" + "x".repeat(80);
		Svg svg = new Svg(200, 50, "<title>", "desc & more");
		svg.group("class", "pod\" onclick=\"alert(1)", "data-name", hostile);
		svg.text(10, 20, hostile, 100.0, null);
		svg.end();
		Document parsed = Pictures.parse(svg.finish());

		assertThat(parsed.getElementsByTagNameNS("*", "script").getLength()).isZero();
		List<String> texts = Pictures.texts(parsed);
		assertThat(texts).hasSize(1);
		assertThat(texts.get(0)).hasSize(Svg.fitting(100)).endsWith("…");
		assertThat(Pictures.titles(parsed)).contains("<title>", hostile);
		org.w3c.dom.Element group = (org.w3c.dom.Element) parsed.getElementsByTagNameNS("*", "g").item(0);
		assertThat(group.hasAttribute("onclick")).isFalse();
		assertThat(group.getAttribute("class")).isEqualTo("pod\" onclick=\"alert(1)");
		assertThat(group.getAttribute("data-name")).isEqualTo(hostile);
	}

	@Test
	void textThatFitsIsWrittenWhole() {
		assertThat(Svg.cut("node-1", 10)).isEqualTo("node-1");
		assertThat(Svg.cut("node-12345", 6)).isEqualTo("node-…");
	}
}

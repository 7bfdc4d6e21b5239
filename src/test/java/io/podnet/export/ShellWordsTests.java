package io.podnet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.export.Shells.Run;
import io.podnet.support.SeededCases;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a value holds, the shell reads back exactly that value from its quoted word, and a
 * comment stays one comment line. Shown against the real shells (dash and bash), fed the script's
 * bytes as an operator's shell reads them.
 */
class ShellWordsTests {

	@TempDir
	static Path dir;

	private static Path bin;

	@BeforeAll
	static void emptyPath() {
		bin = Shells.bin(dir);
	}

	static Stream<Arguments> hostile() {
		return Stream.of(
				Arguments.of("a command after a closed quote", "'; rm -rf / #"),
				Arguments.of("command substitution", "$(reboot)"),
				Arguments.of("backquotes", "`reboot`"),
				Arguments.of("a variable", "${HOME}$PATH"),
				Arguments.of("a newline, then a command", "x\nreboot"),
				Arguments.of("a carriage return", "x\rreboot"),
				Arguments.of("every C0 control but NUL, and DEL", c0AndDel()),
				Arguments.of("C1 controls: NEL, CSI", "a\u0085b\u009b31mc"),
				Arguments.of("an ANSI escape", "\u001b[2J\u001b[31mred"),
				Arguments.of("Unicode line and paragraph separators", "a\u2028b\u2029c"),
				Arguments.of("bidirectional overrides", "a\u202egnp.exe\u202cb"),
				Arguments.of("single quotes only", "'''"),
				Arguments.of("the escape of a single quote itself", "'\\''"),
				Arguments.of("double quotes and backslashes", "\"\\\"\\\\\\n"),
				Arguments.of("globs and a tilde", "~root/* ?[a-z]"),
				Arguments.of("operators", "a;b&c|d<e>f(g)h{i}j!k#l"),
				Arguments.of("blanks only", " \t "),
				Arguments.of("empty", ""),
				Arguments.of("printf's own directives", "%s%n%%\\0"),
				Arguments.of("an option", "-n"),
				Arguments.of("an assignment", "PATH=/tmp"),
				Arguments.of("non-BMP characters", "pod-\uD83D\uDE00-\uD834\uDD1E"),
				Arguments.of("very long", "'$(x)`y`\n\u2028".repeat(20_000)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void theShellReadsBackExactlyTheValue(String description, String value) {
		for (Path shell : Shells.ALL) {
			assertReadBack(shell, value);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void aValueBesideAVariableReadsBackAfterTheVariable(String description, String value) {
		for (Path shell : Shells.ALL) {
			Run run = Shells.run(shell, "P=pre.\nprintf %s \"${P}" + ShellWords.withinDoubleQuotes(value) + "\"\n", bin);

			assertThat(run.stdout()).as(shell + ": stderr " + run.stderr()).isEqualTo("pre." + value);
			assertThat(run.stderr()).as(shell.toString()).isEmpty();
		}
	}

	@Test
	void anyStringReadsBackExactly() {
		SeededCases.check("ShellWordsTests.anyStringReadsBackExactly", 150, ShellWordsTests::randomValue, value -> {
			for (Path shell : Shells.ALL) {
				assertReadBack(shell, value);
				Run run = Shells.run(shell, "printf %s \"$0" + ShellWords.withinDoubleQuotes(value) + "\"\n", bin);
				assertThat(run.stdout()).as(shell + " beside a variable").isEqualTo(shell + value);
			}
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "10.244.1.0/24", "fd00:10:244:1::1/64", "::ffff:10.0.0.1", "cbr0", "node-1",
			"veth0a1b2c3d", "pod.default.web" })
	void plainWordsAreWrittenAsTheyAre(String word) {
		assertThat(ShellWords.quote(word)).isEqualTo(word);
		assertThat(ShellWords.withinDoubleQuotes(word)).isEqualTo(word);
	}

	@Test
	void aNulCannotBeAShellWord() {
		assertThatThrownBy(() -> ShellWords.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("NUL");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void aHostileCommentStaysOneCommentLine(String description, String text) {
		String comment = ShellWords.comment(text);

		assertThat(comment).startsWith("#").doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029", "\u000b", "\f");
		assertThat(comment.codePoints()).noneMatch(c -> Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT);
		for (Path shell : Shells.ALL) {
			Run run = Shells.run(shell, comment + "\nprintf done\n", bin);
			assertThat(run.stdout()).as(shell + ": nothing of the comment ran").isEqualTo("done");
			assertThat(run.stderr()).as(shell.toString()).isEmpty();
		}
	}

	@Test
	void aCommentKeepsWhatIsPrintableAndMarksWhatIsNot() {
		assertThat(ShellWords.comment("node x\n$(reboot)\u2028é \uD83D\uDE00")).isEqualTo("# node x?$(reboot)?é \uD83D\uDE00");
		assertThat(ShellWords.comment("")).isEqualTo("#");
	}

	@Test
	void anyCommentIsOneLine() {
		SeededCases.check("ShellWordsTests.anyCommentIsOneLine", 2000, ShellWordsTests::randomValue, text -> {
			String comment = ShellWords.comment(text);
			assertThat(comment.lines().count()).isEqualTo(1);
			assertThat(comment.codePoints()).noneMatch(c -> Character.isISOControl(c)
					|| Character.getType(c) == Character.LINE_SEPARATOR
					|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
			assertThat(comment.codePointCount(0, comment.length())).isEqualTo(
					text.isEmpty() ? 1 : 2 + text.codePointCount(0, text.length()));
		});
	}

	private static void assertReadBack(Path shell, String value) {
		Run run = Shells.run(shell, "printf %s " + ShellWords.quote(value) + "\n", bin);

		assertThat(run.stdout()).as(shell + ": stderr " + run.stderr()).isEqualTo(value);
		assertThat(run.stderr()).as(shell.toString()).isEmpty();
		assertThat(run.status()).as(shell.toString()).isZero();
	}

	/** Every character 1 to 31 and 127: what a terminal or a line reader might act on. */
	private static String c0AndDel() {
		StringBuilder text = new StringBuilder();
		for (char c = 1; c < 32; c++) {
			text.append(c);
		}
		return text.append('\u007f').toString();
	}

	/**
	 * A string that leans on what a shell reads specially: quotes, expansions, operators, blanks,
	 * control characters, separators; then plain characters, and any code point but NUL and the
	 * surrogates (which UTF-8 cannot carry alone).
	 */
	private static String randomValue(SplittableRandom random) {
		String special = "'\"\\$`;&|<>(){}[]*?~#!=%^ \t\n\r\u000b\f\u0085\u2028\u2029\u202e\u00a0";
		String plain = "abcxyz019-./:_AZ";
		int length = random.nextInt(10) == 0 ? random.nextInt(2000) : random.nextInt(24);
		StringBuilder value = new StringBuilder();
		while (value.length() < length) {
			switch (random.nextInt(5)) {
				case 0, 1 -> value.append(special.charAt(random.nextInt(special.length())));
				case 2 -> value.append(plain.charAt(random.nextInt(plain.length())));
				case 3 -> value.appendCodePoint(1 + random.nextInt(0x9f));
				default -> {
					int c = 1 + random.nextInt(Character.MAX_CODE_POINT);
					value.appendCodePoint(Character.getType(c) == Character.SURROGATE ? '?' : c);
				}
			}
		}
		return value.toString();
	}
}

package io.podnet.export;

import java.util.regex.Pattern;

/**
 * The one way a value reaches a script: every name, address or other value written into a command
 * goes through {@link #quote}, every comment through {@link #comment}. The scripts are run as root,
 * so a value must never be read as more than one word, let alone as a command, whatever it holds;
 * the database and the API refuse hostile names too, and this is the layer that holds if they do not.
 */
final class ShellWords {

	/**
	 * Characters that mean nothing to a POSIX shell, unquoted or between double quotes: no blank,
	 * quote, {@code $}, backquote, backslash, glob, {@code ~}, {@code #}, {@code =} or operator. A word
	 * of these alone is written as it is (10.244.1.0/24, node-1, fd00::1), as the scripts always have.
	 */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:-]+");

	private static final int REPLACEMENT = '?';

	private ShellWords() {
	}

	/**
	 * The value as one shell word that the shell reads back exactly: as it is when it is plain, else
	 * between single quotes, inside which nothing is special but the single quote itself, written
	 * {@code '\''} (close, an escaped quote, reopen).
	 *
	 * @throws IllegalArgumentException for a NUL, which no shell word (no C string) can hold
	 */
	static String quote(String value) {
		if (value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("a shell word cannot hold a NUL character");
		}
		if (PLAIN.matcher(value).matches()) {
			return value;
		}
		return "'" + value.replace("'", "'\\''") + "'";
	}

	/**
	 * The value for a place between double quotes the script has opened, beside a variable:
	 * {@code "${P}node.}<i>value</i>{@code "}. A plain value is written as it is; any other leaves the
	 * double quotes, is {@link #quote quoted}, and reopens them, so that the shell joins the three
	 * into one word. Not for the word of a {@code ${VAR-word}} inside double quotes, where shells
	 * read nested quotes differently.
	 */
	static String withinDoubleQuotes(String value) {
		String word = quote(value);
		return word.equals(value) ? value : "\"" + word + "\"";
	}

	/**
	 * A comment line, {@code # text}, that stays one line: control characters (C0 with CR and LF, DEL,
	 * C1 with NEL), the Unicode line and paragraph separators and format characters (bidirectional
	 * overrides, which could show a reader text other than what is there) each become "?".
	 * An empty comment is a bare "#".
	 */
	static String comment(String text) {
		return text.isEmpty() ? "#" : "# " + oneLine(text);
	}

	static String oneLine(String text) {
		StringBuilder line = new StringBuilder(text.length());
		text.codePoints().forEach(c -> line.appendCodePoint(shown(c) ? c : REPLACEMENT));
		return line.toString();
	}

	private static boolean shown(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
					Character.SURROGATE -> false;
			default -> true;
		};
	}
}

package io.podnet.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A POSIX shell script being written, line by line: into memory (a device's script), or straight
 * to the answer's stream (the whole cluster's, which may run to 150,000 pods).
 */
final class Script {

	private final Appendable out;

	/** A script kept in memory, read with {@link #text()}. */
	Script() {
		this(new StringBuilder());
	}

	/** A script written to {@code out} as it goes. */
	Script(Appendable out) {
		this.out = out;
	}

	Script line(String line) {
		return append(line).append("\n");
	}

	/** Part of a line, for a line too long to build in memory first. */
	Script append(String text) {
		try {
			out.append(text);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return this;
	}

	Script lines(List<String> lines) {
		lines.forEach(this::line);
		return this;
	}

	/**
	 * A comment line, one line whatever the text holds ({@link ShellWords#comment}); an empty comment
	 * is a bare "#", which keeps a comment block together.
	 */
	Script comment(String comment) {
		return line(ShellWords.comment(comment));
	}

	Script blank() {
		return line("");
	}

	/** The script written so far, when it is kept in memory. */
	String text() {
		if (!(out instanceof StringBuilder text)) {
			throw new IllegalStateException("this script was written to a stream");
		}
		return text.toString();
	}
}

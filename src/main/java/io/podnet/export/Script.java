package io.podnet.export;

import java.util.List;

/** A POSIX shell script being written, line by line. */
final class Script {

	private final StringBuilder text = new StringBuilder();

	Script line(String line) {
		text.append(line).append('\n');
		return this;
	}

	Script lines(List<String> lines) {
		lines.forEach(this::line);
		return this;
	}

	/** A comment line; an empty comment is a bare "#", which keeps a comment block together. */
	Script comment(String comment) {
		return line(comment.isEmpty() ? "#" : "# " + comment);
	}

	Script blank() {
		return line("");
	}

	String text() {
		return text.toString();
	}
}

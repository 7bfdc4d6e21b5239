package io.podnet.database.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the documented operator commands (curl, unzip, pg_dump, ...), run as an operator would, in a directory. */
final class Command {

	private Command() {
	}

	/** Runs it and returns its output; fails with that output when it exits non-zero. */
	static String run(Path dir, String... command) {
		return run(dir, Map.of(), command);
	}

	/** Runs it with these environment variables added (PGHOST, ...). */
	static String run(Path dir, Map<String, String> environment, String... command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("'" + String.join(" ", command) + "' in " + dir + " failed:\n" + output);
			}
			return output;
		} catch (IOException e) {
			throw new UncheckedIOException("could not run '" + String.join(" ", command) + "'", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}

package io.podnet.support.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A line in target/chaos-ran for each crash, outage or failover test that really ran to the end:
 * they skip where the machine cannot run them (no PostgreSQL server binaries), and CI (.ci/run)
 * fails unless every one of them ran.
 */
public final class RanMarker {

	static final Path MARKER = Path.of("target", "chaos-ran");

	private RanMarker() {
	}

	public static void record(String test, String summary) {
		try {
			Files.createDirectories(MARKER.getParent());
			Files.writeString(MARKER, test + ": " + summary + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

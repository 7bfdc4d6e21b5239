package io.podnet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every answer the integration suite gets, as one line "METHOD path status" per request, so that
 * DocumentedStatusesCheck can hold openapi.yaml to what the service really answered. The file
 * lives under target/failsafe-reports, which the build empties before each integration run.
 */
public final class ObservedStatuses {

	/** Where the lines go; one file per database run (podnet.test.database), appended to by every test. */
	public static final Path DIRECTORY = Path.of("target", "failsafe-reports", "observed-statuses");

	private static final Path FILE = DIRECTORY.resolve(System.getProperty("podnet.test.database", "default") + ".txt");

	private ObservedStatuses() {
	}

	/** Records one answer; the query string is left out, the path stays as sent (percent-encoded). */
	public static synchronized void record(String method, URI uri, int status) {
		try {
			Files.createDirectories(DIRECTORY);
			Files.writeString(FILE, method + " " + uri.getRawPath() + " " + status + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

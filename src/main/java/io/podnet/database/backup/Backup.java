package io.podnet.database.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A backup written to a temporary file, to be sent once and deleted. */
record Backup(Path file, Instant takenAt) {

	/** UTC, without colons, so the name is a valid file name everywhere: podnet-backup-20251204T163210Z.zip. */
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
			.withZone(ZoneOffset.UTC);

	String fileName() {
		return "podnet-backup-" + STAMP.format(takenAt) + ".zip";
	}

	long size() {
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

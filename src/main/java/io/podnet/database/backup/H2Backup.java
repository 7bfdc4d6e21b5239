package io.podnet.database.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Service;

/**
 * Copies the embedded H2 database with H2's {@code BACKUP TO}: a zip holding the one database file
 * (podnet.mv.db), transactionally consistent without stopping writers. H2 first writes every
 * committed change to the file, then copies the file while its store appends new chunks instead
 * of reusing free space (MVStore is copy-on-write), so the copy holds the state of a moment and
 * writers go on meanwhile. Every write acknowledged before the backup began is in it: the group
 * commit (database/H2GroupCommit) answers a write only once it is on disk, and the BACKUP
 * needs nothing from it. Restored by stopping the service and unzipping into ./data.
 */
@Service
class H2Backup {

	private final DataSourceProperties dataSource;

	H2Backup(DataSourceProperties dataSource) {
		this.dataSource = dataSource;
	}

	/** Writes a backup to a temporary file; the caller sends it and deletes it. */
	Backup take() {
		String url = dataSource.determineUrl();
		refuseUnlessEmbeddedH2File(url, dataSource.determineUsername());
		Instant takenAt = Instant.now();
		Path zip;
		try {
			// the JVM's temporary directory needs room for one compressed copy of the database
			zip = Files.createTempFile("podnet-backup-", ".zip");
		} catch (IOException e) {
			throw new BackupFailed("could not create a temporary file for the backup: " + e.getMessage(), e);
		}
		// a connection of its own, as the group commit has: the copy must not hold one of the few pooled ones
		try (Connection connection = DriverManager.getConnection(url, dataSource.determineUsername(),
				dataSource.determinePassword()); PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
			backup.setString(1, zip.toAbsolutePath().toString());
			backup.execute();
		} catch (SQLException e) {
			deleteQuietly(zip);
			throw new BackupFailed("H2 could not write the backup to " + zip.getParent() + ": " + e.getMessage(), e);
		}
		return new Backup(zip, takenAt);
	}

	/** Only H2 running in this process on a file can be copied from here; other databases say how instead. */
	static void refuseUnlessEmbeddedH2File(String url, String user) {
		if (url != null && url.startsWith("jdbc:postgresql:")) {
			String command = PostgresBackup.dumpCommand(url, user);
			throw new BackupNotSupported("podnet runs on PostgreSQL, which takes consistent backups itself: while "
					+ "podnet keeps running, run '" + command + "'. To restore into a new database, 'createdb "
					+ "podnet_restored && pg_restore --dbname=podnet_restored podnet.dump' (with PGHOST, PGPORT and "
					+ "PGUSER naming that server and user), then start podnet with POSTGRES_URL naming podnet_restored",
					command);
		}
		if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
				|| url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
			throw new BackupNotSupported("the service can copy only the embedded H2 database it keeps in a file "
					+ "(./data by default); this database is not one. Back it up with its own tools");
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			// a leftover temporary file: nothing the client can do about it
		}
	}
}

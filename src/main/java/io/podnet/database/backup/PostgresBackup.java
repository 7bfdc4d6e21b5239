package io.podnet.database.backup;

/** The pg_dump command that backs up the PostgreSQL database a JDBC URL names. */
final class PostgresBackup {

	private PostgresBackup() {
	}

	/**
	 * {@code pg_dump --format=custom} reads one snapshot, so the dump is consistent while podnet
	 * keeps writing, and pg_restore recreates the tables with their identity sequences. The JDBC
	 * URL's properties (currentSchema, timeouts, perhaps a password) are left out: the whole
	 * database is dumped, and a password belongs in ~/.pgpass or PGPASSWORD, not in a command line.
	 */
	static String dumpCommand(String jdbcUrl, String user) {
		String target = jdbcUrl.substring("jdbc:".length());
		int properties = target.indexOf('?');
		if (properties >= 0) {
			target = target.substring(0, properties);
		}
		if (!target.startsWith("postgresql://")) {
			// jdbc:postgresql:database, on localhost
			target = target.substring("postgresql:".length());
		}
		String username = user == null || user.isBlank() ? "" : " --username=" + user;
		return "pg_dump --format=custom --file=podnet.dump" + username + " " + target;
	}
}

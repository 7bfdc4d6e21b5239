package io.podnet.database.backup;

import io.podnet.problem.Problem;

/**
 * The service cannot copy this database itself (501): PostgreSQL is backed up with pg_dump, and an
 * in-memory H2 database holds nothing that outlives the process.
 */
class BackupNotSupported extends Problem {

	BackupNotSupported(String detail) {
		super(detail);
	}

	/** With the command that does back the database up, for scripts to read from the problem. */
	BackupNotSupported(String detail, String command) {
		super(detail);
		with("command", command);
	}

	@Override
	public int status() {
		return 501;
	}

	@Override
	public String slug() {
		return "backup-not-supported";
	}

	@Override
	public String title() {
		return "Backup not supported on this database";
	}
}

package io.podnet.database.backup;

import io.podnet.problem.Problem;

/** H2 could not write the backup, most often for want of room in the temporary directory (500). */
class BackupFailed extends Problem {

	BackupFailed(String detail, Throwable cause) {
		super(detail);
		initCause(cause);
	}

	@Override
	public int status() {
		return 500;
	}

	@Override
	public String slug() {
		return "backup-failed";
	}

	@Override
	public String title() {
		return "Backup failed";
	}
}

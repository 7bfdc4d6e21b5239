package io.podnet.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that is unreachable, restarting, failing over or too slow apart from a request
 * that is wrong: the first is answered 503 with Retry-After (the request may succeed if retried),
 * never 500. Read from the SQL errors under whatever Spring, Hibernate or the pool wrapped them in.
 */
public final class DatabaseFailures {

	/**
	 * SQLSTATE classes and codes that mean "not now" rather than "not this": 08 connection exception;
	 * 53 insufficient resources; 57P01-57P03 the server shutting down, crashed or starting;
	 * 57014 a statement cancelled by statement_timeout; 55P03 a lock not granted within lock_timeout;
	 * 25006 a write sent to a read-only server (a standby, mid-failover); HYT00 H2's timeouts;
	 * 90067, 90098 and 90121 H2's broken connection, closed database and database shutting down.
	 */
	private static final Set<String> CLASSES = Set.of("08", "53");
	private static final Set<String> CODES = Set.of("57P01", "57P02", "57P03", "57014", "55P03", "25006", "HYT00",
			"90067", "90098", "90121");

	private DatabaseFailures() {
	}

	/** Whether the exception, or one of its causes, says the database is unavailable right now. */
	public static boolean isUnavailable(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException || cause instanceof SQLTimeoutException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (CODES.contains(state) || (state.length() == 5 && CLASSES.contains(state.substring(0, 2)))) {
					return true;
				}
			}
		}
		return false;
	}
}

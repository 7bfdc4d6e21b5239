package io.podnet.database;

import io.podnet.problem.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes H2's commits durable before they are acknowledged, a group at a time.
 *
 * <p>H2's MVStore commits a transaction in memory; a background thread writes the changes to the
 * file every WRITE_DELAY (500 ms), and nothing is ever synced to disk but at close. So SIGKILL
 * lost commits that podnet had already answered 201 or 204 (issue 16). WRITE_DELAY=0 would write
 * each commit in the committing thread, but it also stops the background thread that compacts
 * the file: under load the file grew by 20 KB per commit (3 GB for 150,000 pod creates).
 *
 * <p>Instead, each write takes a ticket once its transaction has committed, releases its
 * connection, and waits; this one thread runs {@code CHECKPOINT SYNC} (write every change to the
 * file, then fsync it) for all the tickets taken meanwhile, as PostgreSQL flushes its write-ahead
 * log for every commit waiting on it. A store writes the whole committed state, so a ticket is
 * durable once a store that started after it was taken has finished. With the fsync, an
 * acknowledged write survives a power loss too, as far as the disk honours fsync.
 */
final class H2GroupCommit implements CommitDurability, AutoCloseable {

	/** Opens the writer's own connection, outside the pool, so it never waits behind requests. */
	interface ConnectionFactory {
		Connection open() throws SQLException;
	}

	private static final Logger log = LoggerFactory.getLogger(H2GroupCommit.class);

	private final ConnectionFactory connections;
	private final long timeoutNanos;
	private final Thread writer;

	private final Object lock = new Object();
	/** Tickets handed out: the count of commits so far. */
	private long committed;
	/** Every ticket up to this one is written and synced. */
	private long durable;
	/** Every ticket up to this one was in a sync that failed (unless a later sync covered it). */
	private long failedUpTo;
	private Exception failure;
	private boolean closing;

	private Connection connection;

	H2GroupCommit(ConnectionFactory connections, Duration timeout) {
		this.connections = connections;
		this.timeoutNanos = timeout.toNanos();
		this.writer = new Thread(this::writeTickets, "h2-group-commit");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	@Override
	public long committed() {
		synchronized (lock) {
			committed++;
			lock.notifyAll();
			return committed;
		}
	}

	@Override
	public void awaitDurable(long ticket) {
		long deadline = System.nanoTime() + timeoutNanos;
		synchronized (lock) {
			while (durable < ticket) {
				if (failedUpTo >= ticket) {
					throw new DatabaseUnavailable("the write was committed but could not be written to disk ("
							+ failure.getMessage() + "); it may be lost if the service stops now. Retry the request");
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new DatabaseUnavailable("the write was committed but not confirmed on disk within "
							+ Duration.ofNanos(timeoutNanos).toMillis() + " ms; retry the request");
				}
				waitAtMost(remaining);
			}
		}
	}

	private void waitAtMost(long nanos) {
		try {
			lock.wait(Math.max(1, nanos / 1_000_000), 0);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new DatabaseUnavailable("interrupted while waiting for the write to reach the disk");
		}
	}

	private void writeTickets() {
		while (true) {
			long target;
			synchronized (lock) {
				while (committed == Math.max(durable, failedUpTo) && !closing) {
					waitForTickets();
				}
				if (committed == Math.max(durable, failedUpTo)) {
					return;
				}
				target = committed;
			}
			try {
				checkpointSync();
				synchronized (lock) {
					durable = target;
					lock.notifyAll();
				}
			} catch (SQLException | RuntimeException e) {
				log.error("Could not write committed changes to the H2 file; the writes waiting on it answer 503", e);
				closeConnection();
				synchronized (lock) {
					failedUpTo = target;
					failure = e;
					lock.notifyAll();
				}
				pause();
			}
		}
	}

	private void waitForTickets() {
		try {
			lock.wait();
		} catch (InterruptedException e) {
			closing = true;
		}
	}

	/** Writes every committed change to the file and syncs it (H2's Store.sync: flush, then fsync). */
	private void checkpointSync() throws SQLException {
		if (connection == null) {
			connection = connections.open();
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("CHECKPOINT SYNC");
		}
	}

	private void closeConnection() {
		if (connection != null) {
			try {
				connection.close();
			} catch (SQLException e) {
				log.debug("Closing the group commit connection failed", e);
			}
			connection = null;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Writes what is still waiting, then stops; the database closes with the pool after it. */
	@Override
	public void close() throws InterruptedException {
		synchronized (lock) {
			closing = true;
			lock.notifyAll();
		}
		writer.join(Duration.ofSeconds(10).toMillis());
		closeConnection();
	}
}

package io.podnet.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring Boot's JPA transaction manager, except that a write transaction returns from its commit
 * only once the commit is durable ({@link CommitDurability}). The wait comes after the connection
 * went back to the pool, so a handful of pooled connections serve writers that wait on the disk.
 * Plain JDBC writes (JdbcClient) run in the same transactions and are covered alike.
 */
class DurableTransactionManager extends JpaTransactionManager {

	private static final Logger log = LoggerFactory.getLogger(DurableTransactionManager.class);

	/** The ticket of this thread's committed transaction, awaited once its connection is released. */
	private static final ThreadLocal<Long> TICKET = new ThreadLocal<>();

	private final transient CommitDurability durability;

	DurableTransactionManager(CommitDurability durability) {
		this.durability = durability;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		super.doCommit(status);
		if (status.isReadOnly()) {
			return;
		}
		long ticket = durability.committed();
		if (status.getSuspendedResources() != null) {
			// an inner transaction (REQUIRES_NEW): its outer one holds a connection either way
			durability.awaitDurable(ticket);
		} else {
			TICKET.set(ticket);
		}
	}

	/**
	 * A rollback that fails leaves the transaction uncommitted all the same (a server that lost the
	 * connection discards it), so the failure is logged and the exception that caused the rollback
	 * goes on to the caller. Thrown, it would take that exception's place: a statement that failed
	 * because the database went away, then a rollback on the connection the pool had just closed,
	 * answered 500 "Connection is closed" instead of 503.
	 */
	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		} catch (TransactionException | DataAccessException e) {
			log.warn("Rollback failed, the transaction is discarded with its connection: {}", e.getMostSpecificCause()
					.toString());
		}
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		super.doCleanupAfterCompletion(transaction);
		Long ticket = TICKET.get();
		if (ticket != null) {
			TICKET.remove();
			durability.awaitDurable(ticket);
		}
	}
}

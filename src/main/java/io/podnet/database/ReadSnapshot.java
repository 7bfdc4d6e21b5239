package io.podnet.database;

import java.sql.DatabaseMetaData;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read-only transaction in which every statement sees the database as it was at its first one,
 * across all tables: what a list needs so that its resourceVersion and its rows are of the same
 * moment, and a replay so that its pods and nodes are. PostgreSQL's REPEATABLE READ is such a
 * snapshot. H2's is not: it fixes each table when the transaction first reads it, so a commit
 * between reading the watch counter and reading the pods shows in the pods only (measured on
 * 2.4.240); its SERIALIZABLE is the snapshot, and costs a reader nothing more.
 */
@Component
public class ReadSnapshot {

	private final TransactionTemplate template;

	ReadSnapshot(PlatformTransactionManager transactions, DataSource dataSource) throws MetaDataAccessException {
		String database = JdbcUtils.commonDatabaseName(
				JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		this.template = new TransactionTemplate(transactions);
		this.template.setReadOnly(true);
		this.template.setIsolationLevel("H2".equals(database) ? TransactionDefinition.ISOLATION_SERIALIZABLE
				: TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** The work's answer, read in one snapshot (or in the caller's transaction, if there is one). */
	public <T> T read(Supplier<T> work) {
		return template.execute(status -> work.get());
	}

	/** The work, run in one snapshot (or in the caller's transaction, if there is one). */
	public void run(Runnable work) {
		template.executeWithoutResult(status -> work.run());
	}
}

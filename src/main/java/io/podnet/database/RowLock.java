package io.podnet.database;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The clause that locks the rows a select reads until its transaction ends, worded for the
 * database in use, as Hibernate words PESSIMISTIC_WRITE. On PostgreSQL it is FOR NO KEY UPDATE:
 * not a key lock, so it never blocks the foreign-key checks of rows that refer to the locked one.
 * H2 reads the OF list but ignores it: it locks the row of every table that is not on the outer
 * side of a join, so a select that must lock one table's row joins the others as outer joins.
 */
@Component
public class RowLock {

	private final boolean postgres;

	RowLock(DataSource dataSource) throws MetaDataAccessException {
		String database = JdbcUtils.commonDatabaseName(
				JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		this.postgres = "PostgreSQL".equals(database);
	}

	/** The clause, to end a select with, that locks the rows of the table with this alias. */
	public String of(String alias) {
		return (postgres ? " for no key update of " : " for update of ") + alias;
	}

	/**
	 * Whether a locking select may join more tables at no cost but their reads. PostgreSQL plans a
	 * prepared statement once; H2 never keeps a parsed SELECT ... FOR UPDATE
	 * ({@code org.h2.command.query.Select.isCacheable}) and parses and plans it on every run, so
	 * there a join made pod creates slower than a join without a lock followed by a one-table lock
	 * (bench/design-notes.md).
	 */
	public boolean joinsCheaply() {
		return postgres;
	}
}

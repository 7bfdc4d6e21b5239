package io.podnet.database.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * podnet's tables as plain SQL: one INSERT per row, naming its columns, in id order and parents
 * first, then each identity column restarted past the largest id. Literals only (numbers, quoted
 * text, TIMESTAMP WITH TIME ZONE '...'), so the same file loads on H2 in PostgreSQL mode and on
 * PostgreSQL into a schema that Flyway migrated to the version the rows were written at.
 */
final class SqlFixture {

	/** Parents first; each with the column its rows are ordered by, and whether that is an identity. */
	private record Table(String name, String key, boolean identity) {
	}

	private static final List<Table> TABLES = List.of(new Table("cluster", "id", true), new Table("node", "id", true),
			new Table("node_pods", "node_id", false), new Table("gateway_route", "id", true),
			new Table("pod", "id", true));

	/** Microseconds, what both databases keep, and the offset, so the instant is the same everywhere. */
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

	private SqlFixture() {
	}

	/** The rows of every table as statements, one a line; {@code header} lines become comments on top. */
	static String dump(Connection db, List<String> header) throws SQLException {
		StringBuilder sql = new StringBuilder();
		header.forEach(line -> sql.append("-- ").append(line).append('\n'));
		List<String> restarts = new ArrayList<>();
		for (Table table : TABLES) {
			sql.append('\n');
			long largest = 0;
			try (Statement statement = db.createStatement();
					ResultSet rows = statement.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + table.key())) {
				ResultSetMetaData columns = rows.getMetaData();
				List<String> names = new ArrayList<>();
				for (int c = 1; c <= columns.getColumnCount(); c++) {
					names.add(columns.getColumnName(c).toLowerCase());
				}
				while (rows.next()) {
					List<String> values = new ArrayList<>();
					for (int c = 1; c <= columns.getColumnCount(); c++) {
						values.add(literal(rows, c, columns.getColumnType(c)));
					}
					sql.append("INSERT INTO ").append(table.name()).append(" (").append(String.join(", ", names))
							.append(") VALUES (").append(String.join(", ", values)).append(");\n");
					largest = Math.max(largest, rows.getLong(table.key()));
				}
			}
			if (table.identity()) {
				restarts.add("ALTER TABLE " + table.name() + " ALTER COLUMN id RESTART WITH " + (largest + 1) + ";");
			}
		}
		sql.append("\n-- the next rows get ids after these, as they would have in the database the rows come from\n");
		restarts.forEach(restart -> sql.append(restart).append('\n'));
		return sql.toString();
	}

	/** Runs the statements of a fixture, one a line; lines starting with -- are comments. */
	static int load(Connection db, Path fixture) throws SQLException {
		int statements = 0;
		try (Statement statement = db.createStatement()) {
			for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
				String sql = line.strip();
				if (sql.isEmpty() || sql.startsWith("--")) {
					continue;
				}
				statement.execute(sql.substring(0, sql.length() - (sql.endsWith(";") ? 1 : 0)));
				statements++;
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return statements;
	}

	/** Quoted; a line break would split the statement's line, and podnet never stores one. */
	private static String text(String value) {
		if (value.contains("\n") || value.contains("\r")) {
			throw new IllegalStateException("a stored text holds a line break, which this one-statement-a-line dump "
					+ "cannot write: " + value);
		}
		return "'" + value.replace("'", "''") + "'";
	}

	private static String literal(ResultSet rows, int column, int type) throws SQLException {
		if (rows.getObject(column) == null) {
			return "NULL";
		}
		return switch (type) {
			case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> String.valueOf(rows.getLong(column));
			case Types.NUMERIC, Types.DECIMAL -> rows.getObject(column, BigDecimal.class).toPlainString();
			case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB -> text(rows.getString(column));
			case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP WITH TIME ZONE '"
					+ TIMESTAMP.format(rows.getObject(column, OffsetDateTime.class)) + "'";
			case Types.BOOLEAN -> rows.getBoolean(column) ? "TRUE" : "FALSE";
			// a new column type: teach this method to write it as a literal both databases read alike
			default -> throw new IllegalStateException("column " + rows.getMetaData().getColumnName(column)
					+ " has a type this dump does not write yet: " + rows.getMetaData().getColumnTypeName(column));
		};
	}
}

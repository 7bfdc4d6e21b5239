package io.podnet.database.upgrade;

import io.podnet.support.ServiceProcess;
import io.podnet.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * An empty database of the test's own, of the kind this run of the suite is on: an H2 file in a
 * service's working directory (./data/podnet, where the default setup keeps it), or a schema of its
 * own on the PostgreSQL run's server, named after the run's schema and dropped when done. Flyway
 * brings it to a given version as that release would have; then the packaged service starts on it.
 */
final class UpgradeDatabase implements AutoCloseable {

	private final String url;
	private final String user;
	private final String password;
	/** The PostgreSQL schema, or null on H2. */
	private final String schema;
	private final Path workDir;

	private UpgradeDatabase(String url, String user, String password, String schema, Path workDir) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.schema = schema;
		this.workDir = workDir;
	}

	/** On the database of this run of the suite, for a service working in {@code workDir}. */
	static UpgradeDatabase fresh(Path workDir) throws SQLException {
		if (!"postgres".equals(TestDatabase.kind())) {
			return h2(workDir);
		}
		TestDatabase.Postgres server = TestDatabase.postgres();
		String schema = TestDatabase.schema() + "_upgrade";
		String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
		UpgradeDatabase database = new UpgradeDatabase(url, server.user(), server.password(), schema, workDir);
		database.dropSchema();
		return database;
	}

	/** H2 in ./data of that working directory, as the default setup keeps it. */
	static UpgradeDatabase h2(Path workDir) {
		return new UpgradeDatabase("jdbc:h2:file:" + workDir.resolve("data").resolve("podnet").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", null, workDir);
	}

	void migrateTo(String version) {
		flyway().target(version).load().migrate();
	}

	/** The version Flyway last applied, and how many migrations it has not applied yet. */
	String schemaVersion() {
		var info = flyway().load().info();
		return info.current().getVersion().getVersion() + (info.pending().length == 0 ? ""
				: " (" + info.pending().length + " migrations pending)");
	}

	/** A connection for loading or dumping rows; only while no service runs on an H2 file. */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(url, user, password);
	}

	/** The packaged service on this database, as an operator starts it; it migrates to its own latest version. */
	ServiceProcess start() {
		if (schema == null) {
			return new ServiceProcess(workDir, List.of(), Map.of()).start();
		}
		return new ServiceProcess(workDir, List.of("--spring.profiles.active=postgres", "--spring.flyway.schemas=" + schema),
				Map.of("POSTGRES_URL", url, "POSTGRES_USER", user, "POSTGRES_PASSWORD", password)).start();
	}

	@Override
	public void close() throws SQLException {
		if (schema != null) {
			dropSchema();
		}
	}

	private FluentConfiguration flyway() {
		FluentConfiguration flyway = Flyway.configure().dataSource(url, user, password);
		return schema == null ? flyway : flyway.schemas(schema);
	}

	private void dropSchema() throws SQLException {
		try (Connection db = connect(); Statement statement = db.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}
}

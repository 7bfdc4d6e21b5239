package io.podnet.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.LocalPostgres;
import io.podnet.support.ServiceProcess;
import io.podnet.support.TestDatabase;
import io.podnet.support.TestDatabase.Postgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podnet needs no superuser: docker/postgres/10-podnet-role.sh, the init script of the compose
 * file, makes a role that owns a fresh database and a schema of its own name there, and the
 * packaged service, connected as that role, runs its Flyway migrations and answers healthy. The
 * script runs here as the postgres image would run it, with psql, under a name of this run's own,
 * and its role and database are dropped afterwards.
 */
@Tag("postgres-only")
class OwnerRoleIT {

	private static final Path INIT_SCRIPT = Path.of("docker", "postgres", "10-podnet-role.sh");

	@TempDir
	Path workDir;

	@Test
	void migratesAndServesAsARoleThatOwnsItsDatabaseAndIsNoSuperuser() throws Exception {
		String psql = LocalPostgres.bin("psql");
		assertThat(psql).as("psql (PostgreSQL's client, package postgresql-client) runs the init script").isNotNull();
		Postgres server = TestDatabase.postgres();
		URI address = URI.create(server.url().substring("jdbc:".length()));
		String name = TestDatabase.schema() + "_owner";
		String password = UUID.randomUUID().toString();
		String databaseUrl = "jdbc:postgresql://" + address.getHost() + ":" + address.getPort() + "/" + name;

		dropDatabaseAndRole(server, name);
		try {
			runInitScript(psql, server, address, name, password);
			try (ServiceProcess service = new ServiceProcess(workDir, List.of("--spring.profiles.active=postgres"),
					Map.of("POSTGRES_URL", databaseUrl, "POSTGRES_USER", name, "POSTGRES_PASSWORD", password)).start();
					Connection database = DriverManager.getConnection(databaseUrl, server.user(), server.password())) {
				Reply health = service.api().get("/actuator/health");
				assertThat(health.status()).isEqualTo(200);
				assertThat(health.text("status")).isEqualTo("UP");

				assertThat(rows(database, "select distinct usename from pg_stat_activity where datname = current_database()"
						+ " and usename <> current_user")).as("podnet's connections").containsExactly(List.of(name));
				assertThat(rows(database, "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = '"
						+ name + "'")).as("superuser, createdb, createrole").containsExactly(List.of("f", "f", "f"));
				List<List<String>> tables = rows(database, "select schemaname, tablename, tableowner from pg_tables"
						+ " where schemaname not in ('pg_catalog', 'information_schema') order by tablename");
				assertThat(tables).as("Flyway's history and podnet's tables")
						.contains(List.of(name, "flyway_schema_history", name), List.of(name, "cluster", name),
								List.of(name, "pod", name))
						.allSatisfy(table -> assertThat(table).as("schema, table, owner")
								.containsExactly(name, table.get(1), name));
			}
		} finally {
			dropDatabaseAndRole(server, name);
		}
	}

	/** The compose file's init script, as the postgres image runs it: the superuser's psql, password from a file. */
	private void runInitScript(String psql, Postgres server, URI address, String name, String password)
			throws IOException, InterruptedException {
		Path passwordFile = Files.writeString(workDir.resolve("podnet_db_password"), password + "\n");
		ProcessBuilder script = new ProcessBuilder("sh", INIT_SCRIPT.toString()).redirectErrorStream(true);
		Map<String, String> environment = script.environment();
		environment.putAll(Map.of("PGHOST", address.getHost(), "PGPORT", String.valueOf(address.getPort()),
				"PGPASSWORD", server.password(), "POSTGRES_USER", server.user(), "PODNET_DB_NAME", name,
				"PODNET_DB_PASSWORD_FILE", passwordFile.toString()));
		environment.put("PATH", Path.of(psql).getParent() + ":" + environment.getOrDefault("PATH", ""));
		Process process = script.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
				.as("%s failed:%n%s", INIT_SCRIPT, output).isTrue();
	}

	private static void dropDatabaseAndRole(Postgres server, String name) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
			statement.execute("drop role if exists " + name);
		}
	}

	private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(result.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}
}

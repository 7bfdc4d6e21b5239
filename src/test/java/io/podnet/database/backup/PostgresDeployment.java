package io.podnet.database.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.LocalPostgres;
import io.podnet.support.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * podnet on a PostgreSQL server of the test's own, each service on a database of its own. Backed
 * up while the service runs with the command its GET /api/v1/backup names in its 501 answer
 * ({@code pg_dump --format=custom --file=podnet.dump --username=postgres postgresql://HOST:PORT/DB}),
 * restored with {@code createdb NEW && pg_restore --dbname=NEW podnet.dump} (PGHOST, PGPORT and
 * PGUSER naming the server), then a service started with POSTGRES_URL naming NEW. The client tools
 * run as the test's own user, as an operator's would, from the server's own version.
 */
final class PostgresDeployment implements Deployment {

	private final LocalPostgres server;
	private final Path root;
	private final Map<ServiceProcess, String> databases = new HashMap<>();
	private int backups;

	PostgresDeployment(LocalPostgres server, Path root) {
		this.server = server;
		this.root = root;
	}

	@Override
	public ServiceProcess start(String name) {
		server.psql("postgres", "create database " + name);
		return service(name);
	}

	@Override
	public Path backUp(ServiceProcess service) {
		Reply refusal = service.api().get("/api/v1/backup");
		assertThat(refusal.status()).as(refusal.toString()).isEqualTo(501);
		String command = refusal.text("command");
		assertThat(command).startsWith("pg_dump --format=custom --file=podnet.dump ");
		Path dir = directory("backup-" + ++backups);
		List<String> words = new ArrayList<>(List.of(command.split(" ")));
		words.set(0, LocalPostgres.bin("pg_dump"));
		Command.run(dir, words.toArray(String[]::new));
		return dir.resolve("podnet.dump");
	}

	@Override
	public ServiceProcess restore(Path dump, String name) {
		Map<String, String> naming = Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(server.port()), "PGUSER",
				"postgres");
		Command.run(dump.getParent(), naming, LocalPostgres.bin("createdb"), name);
		Command.run(dump.getParent(), naming, LocalPostgres.bin("pg_restore"), "--dbname=" + name,
				dump.getFileName().toString());
		return service(name);
	}

	/**
	 * Each table's largest id and where its identity sequence stands: pg_restore must set the
	 * sequences, or the next insert would collide with a restored id.
	 */
	String identitySequences(ServiceProcess service) {
		StringBuilder sequences = new StringBuilder();
		for (String table : List.of("cluster", "node", "gateway_route", "pod")) {
			String sequence = "pg_get_serial_sequence('" + table + "', 'id')::regclass";
			sequences.append(table).append(": ").append(server.psql(databases.get(service), "select coalesce(max(id), 0)"
					+ " || ' <= ' || coalesce(pg_sequence_last_value(" + sequence + "), 0) from " + table)).append('\n');
		}
		return sequences.toString();
	}

	private ServiceProcess service(String database) {
		ServiceProcess service = new ServiceProcess(directory(database), List.of("--spring.profiles.active=postgres"),
				Map.of("POSTGRES_URL", server.jdbcUrl(database), "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", ""))
				.start();
		databases.put(service, database);
		return service;
	}

	private Path directory(String name) {
		try {
			return Files.createDirectories(root.resolve(name));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

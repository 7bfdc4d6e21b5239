package io.podnet.system.backup;

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
 * up while the service runs with {@code pg_dump --format=custom --file=podnet.dump DATABASE},
 * restored with {@code createdb NEW && pg_restore --dbname=NEW podnet.dump}, then a service started
 * with POSTGRES_URL naming NEW. The client tools run as the test's own user, as an operator's would.
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
		Path dump = root.resolve("podnet-" + ++backups + ".dump");
		Command.run(root, client("pg_dump", "--format=custom", "--file=" + dump, databases.get(service)));
		return dump;
	}

	@Override
	public ServiceProcess restore(Path dump, String name) {
		Command.run(root, client("createdb", name));
		Command.run(root, client("pg_restore", "--dbname=" + name, dump.toString()));
		return service(name);
	}

	/**
	 * Each table's largest id and where its identity sequence stands: pg_restore must set the
	 * sequences, or the next insert would collide with a restored id.
	 */
	String identitySequences(ServiceProcess service) {
		StringBuilder sequences = new StringBuilder();
		for (String table : List.of("cluster", "node", "gateway_route", "pod")) {
			sequences.append(table).append(": ").append(server.psql(databases.get(service), "select coalesce(max(id), 0) "
					+ "|| ' <= ' || coalesce(pg_sequence_last_value(pg_get_serial_sequence('" + table + "', 'id')::regclass), 0) "
					+ "from " + table)).append('\n');
		}
		return sequences.toString();
	}

	private ServiceProcess service(String database) {
		Path workDir = root.resolve(database);
		try {
			Files.createDirectories(workDir);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ServiceProcess service = new ServiceProcess(workDir, List.of("--spring.profiles.active=postgres"),
				Map.of("POSTGRES_URL", server.jdbcUrl(database), "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", ""))
				.start();
		databases.put(service, database);
		return service;
	}

	/** A client tool of the server's version, connecting to the test's server. */
	private List<String> client(String tool, String... arguments) {
		List<String> command = new ArrayList<>(List.of(LocalPostgres.bin(tool), "--host=127.0.0.1",
				"--port=" + server.port(), "--username=postgres"));
		command.addAll(List.of(arguments));
		return command;
	}
}

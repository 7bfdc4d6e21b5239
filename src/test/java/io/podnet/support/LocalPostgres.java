package io.podnet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port of 127.0.0.1, made
 * with the server's own tools (initdb, pg_ctl, pg_basebackup) so that a test may restart it, stop
 * it, kill it or fail it over to a standby without touching any other database on the machine.
 * As root, the tools run as the postgres user (the server refuses to run as root).
 */
public final class LocalPostgres implements AutoCloseable {

	private final Path dataDir;
	private final int port;

	private LocalPostgres(Path dataDir, int port) {
		this.dataDir = dataDir;
		this.port = port;
	}

	/** Why servers of the test's own cannot be made here, or empty when they can. */
	public static Optional<String> unavailable() {
		if (bin("initdb") == null) {
			return Optional.of("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on "
					+ "the PATH; install the postgresql package");
		}
		if (isRoot() && !userExists("postgres")) {
			return Optional.of("running as root but there is no postgres user to run the server as");
		}
		return Optional.empty();
	}

	/** A new primary, started, with these settings in postgresql.conf (e.g. synchronous_standby_names). */
	public static LocalPostgres primary(Map<String, String> settings) {
		LocalPostgres server = new LocalPostgres(newDataDir(), freePort());
		server.run("initdb", "-D", server.dataDir.toString(), "-U", "postgres", "-A", "trust", "--no-sync");
		server.configure(settings);
		server.start();
		return server;
	}

	/** A streaming standby of that primary (pg_basebackup -R), started. */
	public static LocalPostgres standbyOf(LocalPostgres primary, Map<String, String> settings) {
		LocalPostgres server = new LocalPostgres(newDataDir(), freePort());
		server.run("pg_basebackup", "-D", server.dataDir.toString(), "-h", "127.0.0.1", "-p", String.valueOf(primary.port),
				"-U", "postgres", "-R", "-X", "stream");
		server.configure(settings);
		server.start();
		return server;
	}

	public int port() {
		return port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	public void start() {
		run("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start");
	}

	/** pg_ctl restart with the default fast mode: sessions are ended, the server comes back. */
	public void restart() {
		run("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
				"-m", "fast", "restart");
	}

	/** Stops the server: {@code fast} ends sessions cleanly, {@code immediate} is a crash. */
	public void stop(String mode) {
		run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-m", mode, "stop");
	}

	/** Promotes a standby to primary. */
	public void promote() {
		run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "promote");
	}

	/** Runs SQL with psql on this server and returns its unaligned, tuples-only output. */
	public String psql(String database, String sql) {
		return run("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(port),
				"-U", "postgres", "-d", database, "-c", sql).strip();
	}

	/** Stops the server as a crash would, if it runs, and deletes its directory. */
	@Override
	public void close() {
		try {
			if (Files.exists(dataDir.resolve("postmaster.pid"))) {
				stop("immediate");
			}
		} catch (RuntimeException e) {
			// already stopped: nothing to do
		}
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void configure(Map<String, String> settings) {
		StringBuilder conf = new StringBuilder("\n# podnet test server\nport = " + port
				+ "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + dataDir + "'\n");
		settings.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
		try {
			Files.writeString(dataDir.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Runs one of the server's tools (as postgres when root) and returns its output; fails on a non-zero exit. */
	private String run(String tool, String... arguments) {
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(bin(tool));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output + "\n" + serverLogTail());
			}
			return output;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private String serverLogTail() {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		} catch (IOException e) {
			return "";
		}
	}

	/** A directory the server's user owns: under /tmp, whose parents that user can enter. */
	private static Path newDataDir() {
		try {
			Path dir = Files.createTempDirectory(Path.of("/tmp"), "podnet-pg-");
			if (isRoot()) {
				new ProcessBuilder("chown", "postgres:postgres", dir.toString()).inheritIO().start().waitFor();
			}
			return dir;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The tool from the newest PostgreSQL under /usr/lib/postgresql (Debian), else from the PATH; null
	 * if none. Client tools (pg_dump, pg_restore, createdb) from there match the servers made here.
	 */
	public static String bin(String tool) {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			Optional<Path> newest = versions.map(v -> v.resolve("bin").resolve(tool)).filter(Files::isExecutable)
					.max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString()
							.replaceAll("\\D", "0"))));
			if (newest.isPresent()) {
				return newest.get().toString();
			}
		} catch (IOException e) {
			// not Debian's layout: look on the PATH
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static boolean userExists(String user) {
		try {
			return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(user + ":"));
		} catch (IOException e) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

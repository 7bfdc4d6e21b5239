package io.podnet.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Which database the integration tests run on, chosen by the system property
 * {@code podnet.test.database} that each failsafe execution sets: {@code h2} (embedded, in a file under target/)
 * or {@code postgres}. PostgreSQL comes from Testcontainers where a Docker engine runs, else from
 * the server named by {@code PODNET_TEST_POSTGRES_URL} (default 127.0.0.1:5432/test, as on our CI
 * machines). If that server is down the tests fail; they never skip.
 */
public final class TestDatabase {

	/**
	 * The tests' own schema, so they never touch anything else in the shared database;
	 * PODNET_TEST_SCHEMA gives concurrent runs on one server a schema each.
	 */
	static final String SCHEMA = env("PODNET_TEST_SCHEMA", "podnet_it");

	private static PostgreSQLContainer container;

	private TestDatabase() {
	}

	public static String kind() {
		return System.getProperty("podnet.test.database", "h2");
	}

	static void register(DynamicPropertyRegistry registry) {
		if (!"postgres".equals(kind())) {
			// a file, as the default setup keeps it: writes then wait for H2's group commit as they do there
			registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/it-h2/podnet;MODE=PostgreSQL;"
					+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64");
			return;
		}
		Postgres postgres = postgres();
		String withSchema = postgres.url() + (postgres.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		registry.add("spring.datasource.url", () -> withSchema);
		registry.add("spring.datasource.username", postgres::user);
		registry.add("spring.datasource.password", postgres::password);
		registry.add("spring.flyway.schemas", () -> SCHEMA);
	}

	/** A PostgreSQL server: its JDBC URL (without a schema), user and password. */
	public record Postgres(String url, String user, String password) {
	}

	/**
	 * The PostgreSQL server of the PostgreSQL run: Testcontainers' where a Docker engine runs, else
	 * the one PODNET_TEST_POSTGRES_URL names. Tests that need a schema of their own make it there.
	 */
	public static Postgres postgres() {
		if (dockerEngineMayRun() && DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer postgres = container();
			return new Postgres(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
		}
		return new Postgres(env("PODNET_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
				env("PODNET_TEST_POSTGRES_USER", "postgres"), env("PODNET_TEST_POSTGRES_PASSWORD", ""));
	}

	/** The schema of this run's tests; a test that needs one of its own names it after this one. */
	public static String schema() {
		return SCHEMA;
	}

	/** Saves Testcontainers' noisy probe where there is plainly no engine to talk to. */
	private static boolean dockerEngineMayRun() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
	}

	private static synchronized PostgreSQLContainer container() {
		if (container == null) {
			container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
		}
		return container;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}

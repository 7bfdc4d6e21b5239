package io.podnet.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The connection pool of an in-process H2 is sized to the CPUs; every other database keeps Hikari's. */
class EmbeddedDatabasePoolTests {

	private static final int HIKARI_DEFAULT = 10;

	private static int poolSizeAfterStartup(String url, MockEnvironment environment) {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(url);
			new EmbeddedDatabasePool(environment).postProcessAfterInitialization(pool, "dataSource");
			return pool.getMaximumPoolSize();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = {"jdbc:h2:file:./data/podnet;MODE=PostgreSQL", "jdbc:h2:mem:podnet;DB_CLOSE_DELAY=-1",
			"jdbc:h2:/var/lib/podnet/db"})
	void anInProcessH2GetsOneConnectionPerCpu(String url) {
		assertThat(poolSizeAfterStartup(url, new MockEnvironment()))
				.isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	@ParameterizedTest
	@ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/podnet", "jdbc:h2:tcp://db.example:9092/podnet",
			"jdbc:h2:ssl://db.example/podnet"})
	void aDatabaseBehindANetworkKeepsHikarisDefault(String url) {
		assertThat(poolSizeAfterStartup(url, new MockEnvironment())).isEqualTo(HIKARI_DEFAULT);
	}

	@ParameterizedTest
	@ValueSource(strings = {"spring.datasource.hikari.maximum-pool-size", "spring.datasource.hikari.maximumPoolSize",
			"SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE"})
	void anOperatorsOwnPoolSizeWinsInEverySpellingSpringBootBinds(String property) {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(property, "7")));
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:file:./data/podnet");
			pool.setMaximumPoolSize(7); // as Spring Boot binds the property before any post-processor runs

			new EmbeddedDatabasePool(environment).postProcessAfterInitialization(pool, "dataSource");

			assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
		}
	}

	@Test
	void neverFewerThanTwoConnections() {
		assertThat(EmbeddedDatabasePool.connectionsFor(1)).isEqualTo(2);
		assertThat(EmbeddedDatabasePool.connectionsFor(2)).isEqualTo(2);
		assertThat(EmbeddedDatabasePool.connectionsFor(8)).isEqualTo(8);
	}
}

package io.podnet.support;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The test schema is rebuilt from the migrations at every run, whatever an earlier run left. */
@TestConfiguration
class FreshSchema {

	@Bean
	FlywayMigrationStrategy cleanThenMigrate() {
		return (Flyway flyway) -> {
			flyway.clean();
			flyway.migrate();
		};
	}
}

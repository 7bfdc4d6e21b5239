package io.podnet.support;

import io.podnet.access.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port, called over HTTP, on the
 * database {@link TestDatabase} picks. Every test starts from empty tables. All subclasses share
 * one configuration, so the Spring context is started once per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.flyway.clean-disabled=false", "podnet.admin-token=" + Api.ADMIN_TOKEN,
				// watches: bookmarks within a test's patience, heartbeats later than a watch's headers must come,
				// a buffer a burst of writes outruns
				"podnet.watch.bookmark=1s", "podnet.watch.heartbeat=5s", "podnet.watch.buffer=64" })
@Import(FreshSchema.class)
public abstract class IntegrationTest {

	/** Child tables first. */
	private static final String[] TABLES = { "pod", "gateway_route", "node_pods", "node", "cluster", "audit_event" };

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	private TokenService tokens;

	protected Api api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@BeforeEach
	void emptyTables() {
		for (String table : TABLES) {
			jdbc.update("DELETE FROM " + table);
		}
		// the admin token alone, as a service started with PODNET_ADMIN_TOKEN has it (a test may have revoked it)
		jdbc.update("DELETE FROM api_token");
		tokens.ensureAdmin("admin", Api.ADMIN_TOKEN);
		api = new Api(port);
	}
}

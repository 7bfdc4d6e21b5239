package io.podnet.database;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Gives the embedded H2 database one pooled connection per CPU instead of Hikari's 10, unless
 * {@code spring.datasource.hikari.maximum-pool-size} is set. H2 runs in the service's own process
 * and never waits on a network or a disk for a statement, so a transaction beyond one per CPU only
 * competes for the same cores. Worse, H2 updates each table and index optimistically: it swaps in a
 * new copy of the B-tree's root and, if another writer swapped first, does its work again
 * (bench/design-notes.md has the numbers). PostgreSQL, where a connection does wait on the server,
 * and H2 in server mode keep Hikari's default.
 */
@Component
class EmbeddedDatabasePool implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabasePool.class);

	static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

	private final Environment environment;

	EmbeddedDatabasePool(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && isEmbeddedH2(pool.getJdbcUrl())
				&& !operatorSetPoolSize()) {
			int cpus = Runtime.getRuntime().availableProcessors();
			pool.setMaximumPoolSize(connectionsFor(cpus));
			log.info("Embedded H2: {} pooled connections for {} CPUs ({} to change it)", pool.getMaximumPoolSize(), cpus,
					POOL_SIZE);
		}
		return bean;
	}

	/**
	 * Whether the pool size is configured in any form Spring Boot binds: maximum-pool-size,
	 * maximumPoolSize, SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE. Asking the environment for the one
	 * spelling would miss the others and override the operator.
	 */
	private boolean operatorSetPoolSize() {
		return Binder.get(environment).bind(POOL_SIZE, Integer.class).isBound();
	}

	/** H2 in this process: a file or in-memory URL, not a TCP or TLS connection to an H2 server. */
	static boolean isEmbeddedH2(String jdbcUrl) {
		return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:tcp:")
				&& !jdbcUrl.startsWith("jdbc:h2:ssl:");
	}

	/** One per CPU, but at least 2, so one slow request (a long list) never holds up all the others. */
	static int connectionsFor(int cpus) {
		return Math.max(2, cpus);
	}
}

package io.podnet.database;

import java.sql.DriverManager;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transaction manager, in place of Spring Boot's (customised the same way), with what its
 * commits wait for: on an H2 file, the group commit; elsewhere nothing.
 */
@Configuration(proxyBeanMethods = false)
class DurabilityConfig {

	private static final Logger log = LoggerFactory.getLogger(DurabilityConfig.class);

	/**
	 * {@code podnet.h2.sync-commits=false} answers H2 writes before they reach the disk, as before
	 * issue 16: a crash then loses up to a second of acknowledged writes. Only for measuring what
	 * durability costs (bench/run.sh); never for data that matters.
	 */
	@Bean
	CommitDurability commitDurability(DataSourceProperties dataSource,
			@Value("${podnet.h2.sync-commits:true}") boolean syncCommits,
			@Value("${podnet.database.timeout:5s}") Duration timeout) {
		String url = dataSource.determineUrl();
		if (!isH2File(url)) {
			return CommitDurability.AT_COMMIT;
		}
		if (!syncCommits) {
			log.warn("podnet.h2.sync-commits=false: writes are acknowledged before H2 writes them to disk; a crash "
					+ "can lose acknowledged writes");
			return CommitDurability.AT_COMMIT;
		}
		String user = dataSource.determineUsername();
		String password = dataSource.determinePassword();
		return new H2GroupCommit(() -> DriverManager.getConnection(url, user, password), timeout);
	}

	@Bean
	PlatformTransactionManager transactionManager(CommitDurability durability,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		DurableTransactionManager manager = new DurableTransactionManager(durability);
		customizers.ifAvailable(c -> c.customize(manager));
		return manager;
	}

	/** H2 keeping its data in a file (embedded or through an H2 server), not in memory. */
	static boolean isH2File(String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return false;
		}
		String database = url.substring("jdbc:h2:".length());
		if (database.startsWith("tcp:") || database.startsWith("ssl:")) {
			// jdbc:h2:tcp://host:port/path or .../mem:name
			int slash = database.indexOf('/', database.indexOf("//") + 2);
			database = slash < 0 ? database : database.substring(slash + 1);
		}
		return !database.startsWith("mem:");
	}
}

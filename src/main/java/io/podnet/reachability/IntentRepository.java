package io.podnet.reachability;

import io.podnet.database.RowLock;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The intent table, and the per-cluster guard row that intent checks lock (V14__intents.sql). */
@Repository
class IntentRepository {

	/** An intent as stored: its name and its declaration, canonical JSON. */
	record Stored(String name, String declaration, Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final RowLock rowLock;
	private final EntityManager entityManager;

	IntentRepository(JdbcClient jdbc, RowLock rowLock, EntityManager entityManager) {
		this.jdbc = jdbc;
		this.rowLock = rowLock;
		this.entityManager = entityManager;
	}

	List<Stored> all(long clusterId) {
		return jdbc.sql("select name, declaration, created_at from intent where cluster_id = ? order by name")
				.param(clusterId).query((rs, row) -> new Stored(rs.getString(1), rs.getString(2),
						rs.getTimestamp(3).toInstant())).list();
	}

	Optional<Stored> find(long clusterId, String name) {
		return jdbc.sql("select name, declaration, created_at from intent where cluster_id = ? and name = ?")
				.param(clusterId).param(name).query((rs, row) -> new Stored(rs.getString(1), rs.getString(2),
						rs.getTimestamp(3).toInstant())).optional();
	}

	void insert(long clusterId, String name, String declaration, Instant createdAt) {
		jdbc.sql("insert into intent (cluster_id, name, declaration, created_at) values (?, ?, ?, ?)")
				.param(clusterId).param(name).param(declaration).param(Timestamp.from(createdAt)).update();
	}

	boolean delete(long clusterId, String name) {
		return jdbc.sql("delete from intent where cluster_id = ? and name = ?").param(clusterId).param(name).update() > 0;
	}

	/** How many intents the cluster has, read without a lock: 0 also when it never had any. */
	int count(long clusterId) {
		return jdbc.sql("select intents from intent_guard where cluster_id = ?").param(clusterId).query(Integer.class)
				.optional().orElse(0);
	}

	/** Locks the cluster's guard row until the transaction ends; empty if the cluster never had intents. */
	OptionalInt lockGuard(long clusterId) {
		return jdbc.sql("select g.intents from intent_guard g where g.cluster_id = ?" + rowLock.of("g"))
				.param(clusterId).query(Integer.class).optional().map(OptionalInt::of).orElse(OptionalInt.empty());
	}

	/** Sets the count of the cluster's intents, making its guard row the first time. */
	void setCount(long clusterId, int intents, boolean exists) {
		if (exists) {
			jdbc.sql("update intent_guard set intents = ? where cluster_id = ?").param(intents).param(clusterId).update();
		} else {
			jdbc.sql("insert into intent_guard (cluster_id, intents) values (?, ?)").param(clusterId).param(intents)
					.update();
		}
	}

	/** Writes what the transaction's entities still hold back, so that the check's plain reads see it. */
	void flush() {
		entityManager.flush();
	}
}

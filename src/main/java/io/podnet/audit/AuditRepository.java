package io.podnet.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The audit_event table: appended to, never changed but for the status of a record just made. */
@Repository
class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Appends a record, in the caller's transaction if there is one; answers its id. */
	long insert(AuditEventView event) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into audit_event (at, token_name, method, path, cluster, status, outcome, body, note)"
				+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.param(Timestamp.from(event.at())).param(event.token()).param(event.method()).param(event.path())
				.param(event.cluster()).param(event.status()).param(event.outcome()).param(event.body())
				.param(event.note())
				.update(key, "id");
		return key.getKey().longValue();
	}

	void setStatus(long id, int status) {
		jdbc.sql("update audit_event set status = ? where id = ?").param(status).param(id).update();
	}

	/** Oldest first, after the id {@code after}, with the filters that are not null. */
	List<AuditEventView> findPage(long after, String cluster, String token, Instant since, int limit) {
		StringBuilder sql = new StringBuilder("select id, at, token_name, method, path, cluster, status, outcome, body, note"
				+ " from audit_event where id > ?");
		List<Object> params = new ArrayList<>(List.of(after));
		if (cluster != null) {
			sql.append(" and cluster = ?");
			params.add(cluster);
		}
		if (token != null) {
			sql.append(" and token_name = ?");
			params.add(token);
		}
		if (since != null) {
			sql.append(" and at >= ?");
			params.add(Timestamp.from(since));
		}
		sql.append(" order by id fetch first ? rows only");
		params.add(limit);
		return jdbc.sql(sql.toString()).params(params).query(AuditRepository::row).list();
	}

	private static AuditEventView row(ResultSet rs, int row) throws SQLException {
		return new AuditEventView(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("token_name"),
				rs.getString("method"), rs.getString("path"), rs.getString("cluster"), rs.getInt("status"),
				rs.getString("outcome"), rs.getString("body"), rs.getString("note"));
	}
}

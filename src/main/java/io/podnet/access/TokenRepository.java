package io.podnet.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_token table. Clusters are kept as one comma-separated column: a scope is a short list. */
@Repository
class TokenRepository {

	private static final String COLUMNS = "select name, role, clusters, secret_hash, created_at, created_by from api_token";

	private final JdbcClient jdbc;

	TokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredToken> findBySecretHash(String hash) {
		return jdbc.sql(COLUMNS + " where secret_hash = ?").param(hash).query(TokenRepository::row).optional();
	}

	/** The hashes of every token's secret: few rows, read as one. */
	Set<String> secretHashes() {
		return Set.copyOf(jdbc.sql("select secret_hash from api_token").query(String.class).list().stream()
				.map(String::strip).toList());
	}

	Optional<StoredToken> find(String name) {
		return jdbc.sql(COLUMNS + " where name = ?").param(name).query(TokenRepository::row).optional();
	}

	List<StoredToken> findPage(String after, int limit) {
		return jdbc.sql(COLUMNS + " where name > ? order by name fetch first ? rows only").param(after).param(limit)
				.query(TokenRepository::row).list();
	}

	void insert(StoredToken token) {
		jdbc.sql("insert into api_token (name, role, clusters, secret_hash, created_at, created_by) values (?, ?, ?, ?, ?, ?)")
				.param(token.name()).param(token.role().label()).param(String.join(",", token.clusters()))
				.param(token.secretHash()).param(Timestamp.from(token.createdAt())).param(token.createdBy()).update();
	}

	/** Replaces the secret and role of a token that exists; false if there is none of that name. */
	boolean replace(StoredToken token) {
		return jdbc.sql("update api_token set role = ?, clusters = ?, secret_hash = ? where name = ?")
				.param(token.role().label()).param(String.join(",", token.clusters())).param(token.secretHash())
				.param(token.name()).update() == 1;
	}

	boolean delete(String name) {
		return jdbc.sql("delete from api_token where name = ?").param(name).update() == 1;
	}

	/** Admins other than the named token, counted under a lock so two revocations cannot both pass. */
	long otherAdmins(String name) {
		return jdbc.sql("select name from api_token where role = 'admin' and name <> ? for update").param(name)
				.query(String.class).list().size();
	}

	boolean anyAdmin() {
		return jdbc.sql("select count(*) from api_token where role = 'admin'").query(Long.class).single() > 0;
	}

	private static StoredToken row(ResultSet rs, int row) throws SQLException {
		String clusters = rs.getString("clusters");
		return new StoredToken(rs.getString("name"), Role.of(rs.getString("role")),
				clusters == null || clusters.isEmpty() ? List.of() : Arrays.asList(clusters.split(",")),
				rs.getString("secret_hash").strip(), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
	}
}

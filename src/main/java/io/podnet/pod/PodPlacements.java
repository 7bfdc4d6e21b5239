package io.podnet.pod;

import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every pod of a cluster in one statement, streamed: a whole-cluster question (reachability) counts
 * 150,000 pods without holding them. Run inside the caller's read-only transaction, where
 * PostgreSQL's driver honours the fetch size and sends the rows in batches instead of all at once.
 */
@Repository
public class PodPlacements {

	private static final int FETCH_SIZE = 2000;

	private final JdbcTemplate jdbc;

	PodPlacements(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
	}

	public void forEach(long clusterId, Consumer<PlacedPod> each) {
		jdbc.query("select namespace, name, node_id, ip_value, host_interface, containers, labels from pod"
				+ " where cluster_id = ?", rs -> {
					each.accept(new PlacedPod(rs.getString("namespace"), rs.getString("name"), rs.getLong("node_id"),
							rs.getBigDecimal("ip_value").toBigIntegerExact(), rs.getString("host_interface"),
							rs.getString("containers"), rs.getString("labels")));
				}, clusterId);
	}
}

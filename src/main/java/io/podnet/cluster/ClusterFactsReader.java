package io.podnet.cluster;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A cluster's facts by name in one plain statement, for the hottest write (pod create), without an entity. */
@Repository
public class ClusterFactsReader {

	private final JdbcClient jdbc;

	ClusterFactsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ClusterFacts> byName(String name) {
		return jdbc.sql("select id, ip_family, max_pods_per_node from cluster where name = ?").param(1, name)
				.query((rs, row) -> ClusterFacts.of(rs)).optional();
	}
}

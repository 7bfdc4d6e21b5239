package io.podnet.node;

import io.podnet.labels.Labels;
import java.util.SortedMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A node's labels and annotations, changed by a merge patch in plain SQL (the node entity is
 * immutable), with its version, which lives in its pod counters' row: the caller holds that row's
 * lock ({@link NodePodCounters#lock}).
 */
@Repository
class NodeMetadata {

	private final JdbcClient jdbc;

	NodeMetadata(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void relabel(long nodeId, SortedMap<String, String> labels, SortedMap<String, String> annotations) {
		jdbc.sql("update node set labels = ?, annotations = ? where id = ?")
				.param(1, Labels.toColumn(labels)).param(2, Labels.toColumn(annotations)).param(3, nodeId).update();
		jdbc.sql("update node_pods set version = version + 1 where node_id = ?").param(1, nodeId).update();
	}
}

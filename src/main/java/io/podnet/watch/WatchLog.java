package io.podnet.watch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** The change log's tables: the revision counter, the events, and their pruning. */
@Repository
class WatchLog {

	/** The longest object a VARCHAR column holds on H2; a longer one goes to the TEXT column. */
	private static final int VARCHAR_LIMIT = 1_000_000;

	/** Above this many events a transaction's are written in JDBC batches (a family added to a whole cluster). */
	private static final int BATCH_ABOVE = 8;
	private static final int BATCH = 1000;

	private static final String INSERT = "insert into watch_event (revision, cluster_id, kind, event_type, object,"
			+ " large_object, created_at) values (?, ?, ?, ?, ?, ?, ?)";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	WatchLog(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Numbers the events with the next revisions and writes them, in the caller's transaction. The
	 * counter's row stays locked until that transaction ends, so revisions follow commit order.
	 */
	void append(List<PendingEvent> events, Instant at) {
		jdbc.sql("update watch_counter set revision = revision + ? where name = 'last'").param(events.size()).update();
		long last = counter("last");
		long revision = last - events.size();
		Timestamp stamp = Timestamp.from(at);
		if (events.size() > BATCH_ABOVE) {
			List<Object[]> rows = new ArrayList<>(Math.min(events.size(), BATCH));
			for (PendingEvent event : events) {
				rows.add(row(++revision, event, stamp));
				if (rows.size() == BATCH) {
					template.batchUpdate(INSERT, rows);
					rows.clear();
				}
			}
			if (!rows.isEmpty()) {
				template.batchUpdate(INSERT, rows);
			}
			return;
		}
		for (PendingEvent event : events) {
			jdbc.sql(INSERT).params(row(++revision, event, stamp)).update();
		}
	}

	private static Object[] row(long revision, PendingEvent event, Timestamp at) {
		boolean large = event.json().length() > VARCHAR_LIMIT;
		return new Object[] { revision, event.clusterId(), event.kind(), event.type().name(),
				large ? null : event.json(), large ? event.json() : null, at };
	}

	/** The last revision handed out (committed, as this statement sees it). */
	long revision() {
		return counter("last");
	}

	/** Every event up to this revision has been pruned. */
	long compacted() {
		return counter("compacted");
	}

	private long counter(String name) {
		return jdbc.sql("select revision from watch_counter where name = ?").param(name).query(Long.class).single();
	}

	/** The events after the revision, oldest first, at most limit of them; parse turns each object into a tree. */
	List<StoredEvent> after(long revision, int limit, Function<String, JsonNode> parse) {
		return jdbc.sql("select revision, cluster_id, kind, event_type, object, large_object from watch_event"
				+ " where revision > ? order by revision limit ?")
				.params(revision, limit)
				.query((rs, row) -> {
					String json = rs.getString("object");
					if (json == null) {
						json = rs.getString("large_object");
					}
					return StoredEvent.of(rs.getLong("revision"), rs.getLong("cluster_id"), rs.getString("kind"),
							EventType.valueOf(rs.getString("event_type")), json, parse.apply(json));
				})
				.list();
	}

	/**
	 * Removes the events written before the time and records the highest revision removed; answers
	 * it (0 if nothing was old enough). Safe on several replicas at once.
	 */
	long prune(Instant before) {
		List<Long> oldest = jdbc.sql("select max(revision) from watch_event where created_at < ?")
				.param(Timestamp.from(before)).query(Long.class).list();
		Long upTo = oldest.isEmpty() ? null : oldest.get(0);
		if (upTo == null) {
			return 0;
		}
		jdbc.sql("update watch_counter set revision = ? where name = 'compacted' and revision < ?").params(upTo, upTo).update();
		jdbc.sql("delete from watch_event where revision <= ?").param(upTo).update();
		return upTo;
	}
}

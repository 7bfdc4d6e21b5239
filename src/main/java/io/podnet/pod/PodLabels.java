package io.podnet.pod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pods' labels once more, one row per label in table pod_label (V10): the index that answers a
 * label selector's "key=value" or "key in (...)" over a cluster's pods in (namespace, name) order,
 * a page at a time, without reading the pods that do not carry the label. Written with the pod and
 * by its merge patches; deleted with it by the foreign key's cascade.
 */
@Repository
class PodLabels {

	/** A pod the index selects, with its sort keys. */
	record Entry(long podId, String namespace, String name) {

		static final Comparator<Entry> ORDER = Comparator.comparing(Entry::namespace).thenComparing(Entry::name);
	}

	private final JdbcClient jdbc;

	PodLabels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(long podId, long clusterId, String namespace, String name, SortedMap<String, String> labels) {
		for (Map.Entry<String, String> label : labels.entrySet()) {
			jdbc.sql("insert into pod_label (pod_id, cluster_id, namespace, name, label_key, label_value)"
					+ " values (?, ?, ?, ?, ?, ?)")
					.param(1, podId).param(2, clusterId).param(3, namespace).param(4, name).param(5, label.getKey())
					.param(6, label.getValue()).update();
		}
	}

	/** Rewrites only the rows of the labels that change: a patch of one label is one statement. */
	void replace(long podId, long clusterId, String namespace, String name, Map<String, String> before,
			SortedMap<String, String> after) {
		for (String key : before.keySet()) {
			if (!after.containsKey(key)) {
				jdbc.sql("delete from pod_label where pod_id = ? and label_key = ?").param(1, podId).param(2, key).update();
			}
		}
		SortedMap<String, String> added = new java.util.TreeMap<>();
		after.forEach((key, value) -> {
			String old = before.get(key);
			if (old == null) {
				added.put(key, value);
			} else if (!old.equals(value)) {
				jdbc.sql("update pod_label set label_value = ? where pod_id = ? and label_key = ?").param(1, value)
						.param(2, podId).param(3, key).update();
			}
		});
		insert(podId, clusterId, namespace, name, added);
	}

	/**
	 * The cluster's pods with label key set to one of the values, in (namespace, name) order after
	 * the given keys, at most {@code limit}; only those of one namespace if it is given (then after
	 * afterName in it, afterNamespace unused). Each value's
	 * entries are one index range, read in index order; several values are merged here.
	 */
	List<Entry> select(long clusterId, String key, List<String> values, String namespace, String afterNamespace,
			String afterName, int limit) {
		List<Entry> entries = new ArrayList<>();
		for (String value : values) {
			if (namespace != null) {
				entries.addAll(inNamespace(clusterId, key, value, namespace, afterName, limit));
				continue;
			}
			List<Entry> found = new ArrayList<>(afterNamespace.isEmpty() ? List.of()
					: inNamespace(clusterId, key, value, afterNamespace, afterName, limit));
			if (found.size() < limit) {
				found.addAll(jdbc.sql("select pod_id, namespace, name from pod_label where cluster_id = ? and label_key = ?"
						+ " and label_value = ? and namespace > ?"
						+ " order by cluster_id, label_key, label_value, namespace, name fetch first ? rows only")
						.param(1, clusterId).param(2, key).param(3, value).param(4, afterNamespace)
						.param(5, limit - found.size()).query(PodLabels::entry).list());
			}
			entries.addAll(found);
		}
		entries.sort(Entry.ORDER);
		return entries.size() > limit ? entries.subList(0, limit) : entries;
	}

	/** One namespace's entries after a name. */
	private List<Entry> inNamespace(long clusterId, String key, String value, String namespace, String afterName,
			int limit) {
		return jdbc.sql("select pod_id, namespace, name from pod_label where cluster_id = ? and label_key = ?"
				+ " and label_value = ? and namespace = ? and name > ?"
				+ " order by cluster_id, label_key, label_value, namespace, name fetch first ? rows only")
				.param(1, clusterId).param(2, key).param(3, value).param(4, namespace).param(5, afterName)
				.param(6, limit).query(PodLabels::entry).list();
	}

	private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Entry(rs.getLong("pod_id"), rs.getString("namespace"), rs.getString("name"));
	}
}

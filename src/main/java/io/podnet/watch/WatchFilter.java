package io.podnet.watch;

import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What a watch follows: the objects of one kind that the predicate keeps (the same selectors, and
 * for clusters the same token scope, as the list's, applied to the object as a GET answers it), in
 * one cluster, or in every cluster when clusterId is null (the list of clusters itself).
 */
public record WatchFilter(String kind, Long clusterId, Predicate<JsonNode> keeps) {

	/** The objects of one kind in one cluster. */
	public static WatchFilter inCluster(String kind, long clusterId, Predicate<JsonNode> keeps) {
		return new WatchFilter(kind, clusterId, keeps);
	}

	/** The clusters themselves. */
	public static WatchFilter clusters(Predicate<JsonNode> keeps) {
		return new WatchFilter(ChangeKinds.CLUSTER, null, keeps);
	}

	boolean keeps(StoredEvent event) {
		return (clusterId == null || event.clusterId() == clusterId) && event.kind().equals(kind)
				&& keeps.test(event.object());
	}

	/** The cluster of a watch of its objects was deleted: the watch ends. */
	boolean endsWith(StoredEvent event) {
		return clusterId != null && event.clusterId() == clusterId && event.kind().equals(ChangeKinds.CLUSTER)
				&& event.type() == EventType.DELETED;
	}
}

package io.podnet.watch;

import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What a watch follows: the objects of one kind in one cluster that the predicate keeps (the same
 * selectors as the list's, applied to the object as a GET answers it).
 */
public record WatchFilter(String kind, long clusterId, Predicate<JsonNode> keeps) {

	boolean keeps(StoredEvent event) {
		return event.clusterId() == clusterId && event.kind().equals(kind) && keeps.test(event.object());
	}

	/** The cluster itself was deleted: every watch of its objects ends. */
	boolean endsWith(StoredEvent event) {
		return event.clusterId() == clusterId && event.kind().equals(ChangeKinds.CLUSTER)
				&& event.type() == EventType.DELETED;
	}
}

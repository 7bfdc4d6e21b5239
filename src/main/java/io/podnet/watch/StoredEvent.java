package io.podnet.watch;

import tools.jackson.databind.JsonNode;

/**
 * One change as the log holds it: its revision, the cluster and kind of the object, what happened,
 * and the object as a GET answers it, as JSON text (sent as it is) and as a tree (for filters).
 */
record StoredEvent(long revision, long clusterId, String kind, EventType type, String json, JsonNode object) {

	/** The event as one line of a watch stream: {"type":…,"resourceVersion":"…","object":{…}}. */
	String line() {
		return "{\"type\":\"" + type + "\",\"resourceVersion\":\"" + revision + "\",\"object\":" + json + "}";
	}
}

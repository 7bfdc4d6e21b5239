package io.podnet.watch;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One change as the log holds it: its revision, the cluster and kind of the object, what happened,
 * the object as a GET answers it as a tree (for filters), and the event as one line of a watch
 * stream, encoded once for every watcher that sends it.
 */
record StoredEvent(long revision, long clusterId, String kind, EventType type, JsonNode object, byte[] line) {

	/** The event with its line: {"type":…,"resourceVersion":"…","object":{…}}, the object's JSON as stored. */
	static StoredEvent of(long revision, long clusterId, String kind, EventType type, String json, JsonNode object) {
		String line = "{\"type\":\"" + type + "\",\"resourceVersion\":\"" + revision + "\",\"object\":" + json + "}";
		return new StoredEvent(revision, clusterId, kind, type, object, line.getBytes(StandardCharsets.UTF_8));
	}
}

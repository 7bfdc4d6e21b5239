package io.podnet.watch;

/**
 * Told of every change as it is recorded ({@link ChangeLog#record}), inside the transaction that
 * makes it: what a feature implements to act on the writes of other features without those
 * features knowing it (intents check each write before it commits).
 */
public interface ChangeListener {

	/**
	 * @param kind one of {@link ChangeKinds}
	 * @param object the object as recorded for watchers: its view as JSON
	 */
	void recorded(String kind, long clusterId, EventType type, String object);
}

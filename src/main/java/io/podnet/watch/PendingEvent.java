package io.podnet.watch;

/** A change recorded in a transaction that has not committed yet: numbered when it does. */
record PendingEvent(long clusterId, String kind, EventType type, String json) {
}

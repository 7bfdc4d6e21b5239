package io.podnet.watch;

/** What happened to the object, in Kubernetes' words; BOOKMARK and ERROR carry no change. */
public enum EventType {
	ADDED, MODIFIED, DELETED
}

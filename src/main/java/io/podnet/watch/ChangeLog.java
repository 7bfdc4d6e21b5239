package io.podnet.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a feature records each change of a watched object, inside the transaction that makes it:
 * the change reaches the log if and only if the transaction commits (a dry run's, rolled back,
 * never does), numbered in commit order, and this replica's watchers are woken after the commit.
 */
@Component
public class ChangeLog {

	private final WatchLog log;
	private final WatchHub hub;
	private final JsonMapper json;
	private final ObjectProvider<ChangeListener> listeners;

	ChangeLog(WatchLog log, WatchHub hub, JsonMapper json, ObjectProvider<ChangeListener> listeners) {
		this.log = log;
		this.hub = hub;
		this.json = json;
		this.listeners = listeners;
	}

	/**
	 * Records that the object (the view a GET answers) of the cluster was added, modified or
	 * deleted; for DELETED, the object as it was last. Needs a transaction.
	 */
	public void record(String kind, long clusterId, EventType type, Object view) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("a change is recorded in the transaction that makes it");
		}
		String object = json.writeValueAsString(view);
		pending().add(new PendingEvent(clusterId, kind, type, object));
		listeners.orderedStream().forEach(listener -> listener.recorded(kind, clusterId, type, object));
	}

	/** The last revision committed: a list read after this call shows at least every change up to it. */
	public long revision() {
		return log.revision();
	}

	@SuppressWarnings("unchecked")
	private List<PendingEvent> pending() {
		Object bound = TransactionSynchronizationManager.getResource(this);
		if (bound != null) {
			return (List<PendingEvent>) bound;
		}
		List<PendingEvent> events = new ArrayList<>();
		TransactionSynchronizationManager.bindResource(this, events);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				if (!events.isEmpty()) {
					// last of the transaction's statements: the counter's lock is held only until the commit
					log.append(events, Instant.now());
				}
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(ChangeLog.this);
				if (status == STATUS_COMMITTED) {
					hub.wake();
				}
			}
		});
		return events;
	}
}

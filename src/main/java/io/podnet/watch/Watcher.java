package io.podnet.watch;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch, on a thread of its own. It first catches up on the events after its resourceVersion
 * that happened before it joined the hub (from the hub's buffer, or from the log), then sends
 * what the hub queues for it: only the events its filter keeps, so it sleeps while the changes are
 * someone else's. A client that reads slowly blocks only this thread; once its queue holds more
 * than the hub's buffer, the queue is dropped and the watch ends with an ERROR event (410, Expired)
 * naming the resourceVersion to resume from, as Kubernetes closes a watcher that cannot keep up.
 */
final class Watcher implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(Watcher.class);
	private static final long TOKEN_CHECK_NANOS = Duration.ofSeconds(1).toNanos();

	private final WatchHub hub;
	private final WatchFilter filter;
	private final WatchStream stream;
	private final BooleanSupplier tokenValid;
	private final Function<String, Counter> sent;
	private final boolean bookmarks;
	private final long heartbeatNanos;
	private final long bookmarkNanos;
	private final long endNanos;
	/** The last revision this watch has passed on (sent, or skipped as not its own). */
	private long cursor;
	private volatile boolean ended;
	private volatile Thread thread;

	/** The frames of the events being sent; only the watch's own thread uses it. */
	private WatchStream.Batch batch = new WatchStream.Batch();

	/** Events the hub handed over, not yet sent; guarded by this. */
	private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
	/** The last revision the hub has looked at for this watch; guarded by this. */
	private long seen;
	/** The queue overflowed: the client reads more slowly than the changes come; guarded by this. */
	private boolean overflowed;

	Watcher(WatchHub hub, WatchFilter filter, WatchStream stream, long from, BooleanSupplier tokenValid,
			Function<String, Counter> sent, boolean bookmarks, Duration heartbeat, Duration bookmarkEvery,
			Duration timeout) {
		this.hub = hub;
		this.filter = filter;
		this.stream = stream;
		this.cursor = from;
		this.seen = from;
		this.tokenValid = tokenValid;
		this.sent = sent;
		this.bookmarks = bookmarks;
		this.heartbeatNanos = heartbeat.toNanos();
		this.bookmarkNanos = bookmarkEvery.toNanos();
		this.endNanos = System.nanoTime() + timeout.toNanos();
	}

	void start(String name) {
		Thread started = new Thread(this, name);
		started.setDaemon(true);
		thread = started;
		started.start();
	}

	/** Ends the watch: the stream completes normally, as at its timeout; the client resumes from its last version. */
	void end() {
		ended = true;
		Thread running = thread;
		if (running != null) {
			running.interrupt();
		}
	}

	/**
	 * Called by the hub's reader, under the hub's lock, with each batch of new events (up to the
	 * revision head): queues the ones this watch sends and wakes it only if there are any. Must not block.
	 */
	synchronized void offer(List<StoredEvent> events, long head) {
		if (overflowed) {
			return;
		}
		boolean added = false;
		for (StoredEvent event : events) {
			if (event.revision() > seen && (filter.keeps(event) || filter.endsWith(event))) {
				queue.addLast(event);
				added = true;
			}
		}
		seen = Math.max(seen, head);
		if (queue.size() > hub.capacity()) {
			queue.clear();
			overflowed = true;
			added = true;
		}
		if (added) {
			notifyAll();
		}
	}

	@Override
	public void run() {
		try {
			catchUp(hub.join(this, cursor));
			follow();
			complete();
		} catch (InterruptedException e) {
			complete();
		} catch (IOException | IllegalStateException e) {
			// the client went away (or the response was completed by a timeout): nothing to tell it
			log.debug("Watch ended: {}", e.toString());
		} catch (Ended e) {
			complete();
		} catch (RuntimeException e) {
			log.warn("Watch failed", e);
			try {
				stream.writeError(503, "ServiceUnavailable", "the change log cannot be read right now; resume with "
						+ "resourceVersion=" + cursor);
			} catch (IOException | RuntimeException ignored) {
				// the client went away meanwhile
			}
			complete();
		} finally {
			hub.leave(this);
		}
	}

	/** Ends the response; quietly if the container has already ended it (a client gone, a server stopping). */
	private void complete() {
		try {
			stream.emitter().complete();
		} catch (RuntimeException e) {
			log.debug("Watch already ended: {}", e.toString());
		}
	}

	/** Sends what happened between the watch's resourceVersion and the hub's head when it joined. */
	private void catchUp(WatchHub.Join join) throws IOException {
		if (join.missed() != null) {
			send(join.missed());
			cursor = Math.max(cursor, join.head());
			return;
		}
		if (cursor < hub.compacted()) {
			stream.writeError(410, "Expired", "resourceVersion " + cursor + " is older than the changes kept ("
					+ hub.retention() + "); list again and watch from the list's resourceVersion");
			throw new Ended();
		}
		while (cursor < join.head() && !ended) {
			List<StoredEvent> events = hub.fromLog(cursor);
			List<StoredEvent> before = new ArrayList<>();
			for (StoredEvent event : events) {
				if (event.revision() <= join.head()) {
					before.add(event);
				}
			}
			if (before.isEmpty()) {
				break;
			}
			send(before);
		}
		cursor = Math.max(cursor, join.head());
	}

	private void follow() throws IOException, InterruptedException {
		long now = System.nanoTime();
		long nextHeartbeat = now + heartbeatNanos;
		// without bookmarks, the bookmark time never comes before the end
		long nextBookmark = bookmarks ? now + bookmarkNanos : endNanos;
		long nextTokenCheck = now + TOKEN_CHECK_NANOS;
		while (!ended) {
			now = System.nanoTime();
			if (now - endNanos >= 0) {
				return;
			}
			if (now - nextTokenCheck >= 0) {
				if (!tokenValid.getAsBoolean()) {
					stream.writeError(401, "Unauthorized", "the token of this watch was revoked");
					return;
				}
				nextTokenCheck = now + TOKEN_CHECK_NANOS;
			}
			long until = Math.min(Math.min(nextHeartbeat, nextBookmark), Math.min(nextTokenCheck, endNanos));
			List<StoredEvent> events;
			long upTo;
			boolean behind;
			// never writes to the client while holding this lock: the hub's reader takes it
			synchronized (this) {
				long wait = until - System.nanoTime();
				if (queue.isEmpty() && !overflowed && wait > 0) {
					wait(Math.max(1, wait / 1_000_000));
				}
				behind = overflowed;
				events = new ArrayList<>(queue);
				queue.clear();
				// with nothing left to send, every change the hub looked at is passed on
				upTo = seen;
			}
			if (behind) {
				stream.writeError(410, "Expired", "this watch fell more than " + hub.capacity() + " changes behind; "
						+ "resume with resourceVersion=" + cursor);
				return;
			}
			if (!events.isEmpty()) {
				send(events);
				nextHeartbeat = System.nanoTime() + heartbeatNanos;
			}
			cursor = Math.max(cursor, upTo);
			now = System.nanoTime();
			if (bookmarks && now - nextBookmark >= 0) {
				stream.writeBookmark(cursor);
				nextBookmark = now + bookmarkNanos;
				nextHeartbeat = now + heartbeatNanos;
			} else if (now - nextHeartbeat >= 0) {
				stream.writeHeartbeat();
				nextHeartbeat = now + heartbeatNanos;
			}
		}
	}

	/**
	 * Sends the events the filter keeps, in order, in one write; ends the watch at its cluster's
	 * deletion (after the events before it).
	 */
	private void send(List<StoredEvent> events) throws IOException {
		try {
			for (StoredEvent event : events) {
				if (event.revision() <= cursor) {
					continue;
				}
				if (filter.endsWith(event)) {
					stream.error(404, "NotFound", "the cluster was deleted", batch);
					throw new Ended();
				}
				if (filter.keeps(event)) {
					stream.event(event, batch);
					sent.apply(event.kind()).increment();
				}
				cursor = event.revision();
			}
		} finally {
			stream.write(batch);
			batch = batch.emptied();
		}
	}

	/** The watch has said its last word. */
	private static final class Ended extends RuntimeException {

		Ended() {
			super(null, null, false, false);
		}
	}
}

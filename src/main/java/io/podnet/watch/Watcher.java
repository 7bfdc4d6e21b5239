package io.podnet.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch, on a thread of its own: it reads the events after its cursor from the hub's buffer
 * (or from the log while it is behind the buffer), writes those its filter keeps, and moves its
 * cursor over every event, kept or not. A client that reads slowly blocks only this thread; once
 * the buffer has moved past it, the watch ends with an ERROR event (410, Expired) naming the
 * resourceVersion to resume from.
 */
final class Watcher implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(Watcher.class);
	private static final long TOKEN_CHECK_NANOS = Duration.ofMillis(500).toNanos();

	private final WatchHub hub;
	private final WatchFilter filter;
	private final WatchStream stream;
	private final BooleanSupplier tokenValid;
	private final boolean bookmarks;
	private final long heartbeatNanos;
	private final long bookmarkNanos;
	private final long endNanos;
	private long cursor;
	private volatile boolean ended;
	private volatile Thread thread;

	Watcher(WatchHub hub, WatchFilter filter, WatchStream stream, long from, BooleanSupplier tokenValid,
			boolean bookmarks, Duration heartbeat, Duration bookmarkEvery, Duration timeout) {
		this.hub = hub;
		this.filter = filter;
		this.stream = stream;
		this.cursor = from;
		this.tokenValid = tokenValid;
		this.bookmarks = bookmarks;
		this.heartbeatNanos = heartbeat.toNanos();
		this.bookmarkNanos = bookmarkEvery.toNanos();
		this.endNanos = System.nanoTime() + timeout.toNanos();
	}

	void start(String name) {
		Thread started = new Thread(this, name);
		started.setDaemon(true);
		thread = started;
		hub.watchers.add(this);
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

	@Override
	public void run() {
		try {
			hub.wake();
			follow();
			stream.emitter().complete();
		} catch (InterruptedException e) {
			stream.emitter().complete();
		} catch (IOException | IllegalStateException e) {
			// the client went away (or the response was completed by a timeout): nothing to tell it
			log.debug("Watch ended: {}", e.toString());
		} catch (RuntimeException e) {
			log.warn("Watch failed", e);
			try {
				stream.error(503, "ServiceUnavailable", "the change log cannot be read right now; resume with "
						+ "resourceVersion=" + cursor);
			} catch (IOException | RuntimeException ignored) {
				// the client went away meanwhile
			}
			stream.emitter().complete();
		} finally {
			hub.watchers.remove(this);
		}
	}

	private void follow() throws IOException, InterruptedException {
		boolean live = false;
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
					stream.error(401, "Unauthorized", "the token of this watch was revoked");
					return;
				}
				nextTokenCheck = now + TOKEN_CHECK_NANOS;
			}
			long until = Math.min(Math.min(nextHeartbeat, nextBookmark), Math.min(nextTokenCheck, endNanos));
			List<StoredEvent> events = hub.after(cursor, until);
			if (events == null) {
				if (live) {
					stream.error(410, "Expired", "this watch fell more than the buffer behind the changes; resume with "
							+ "resourceVersion=" + cursor);
					return;
				}
				if (cursor < hub.compacted()) {
					stream.error(410, "Expired", "resourceVersion " + cursor + " is older than the changes kept ("
							+ hub.retention() + "); list again and watch from the list's resourceVersion");
					return;
				}
				events = hub.fromLog(cursor);
			} else {
				live = true;
			}
			for (StoredEvent event : events) {
				if (filter.endsWith(event)) {
					stream.error(404, "NotFound", "the cluster was deleted");
					return;
				}
				if (filter.keeps(event)) {
					stream.event(event);
					nextHeartbeat = System.nanoTime() + heartbeatNanos;
				}
				cursor = event.revision();
			}
			now = System.nanoTime();
			if (bookmarks && now - nextBookmark >= 0) {
				stream.bookmark(cursor);
				nextBookmark = now + bookmarkNanos;
				nextHeartbeat = now + heartbeatNanos;
			} else if (now - nextHeartbeat >= 0) {
				stream.heartbeat();
				nextHeartbeat = now + heartbeatNanos;
			}
		}
	}
}

package io.podnet.watch;

import io.podnet.database.DurableHorizon;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One replica's reader of the change log: while anyone watches, one thread reads the events after
 * the last it read (woken by this replica's commits, and every {@code podnet.watch.poll} for the
 * other replicas' commits) into a buffer of the latest {@code podnet.watch.buffer} events that every
 * watcher reads from at its own pace. A writer never waits for a watcher; a watcher that falls out
 * of the buffer is told so and resumes from the log itself. The same thread prunes events older
 * than {@code podnet.watch.retention}.
 *
 * <p>On H2, events are passed on only once they are on disk (see {@link DurableHorizon}): a watcher
 * never hears of a change that a crash could take back.
 */
@Component
class WatchHub implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WatchHub.class);
	private static final int READ_LIMIT = 1_000;

	private final WatchLog log;
	private final DurableHorizon horizon;
	private final JsonMapper json;
	private final int capacity;
	private final Duration poll;
	private final Duration retention;

	private final Object lock = new Object();
	/** The latest events read, oldest first; guarded by lock. */
	private final ArrayDeque<StoredEvent> buffer = new ArrayDeque<>();
	/** The last revision read from the log (-1: not reading, nobody watches); guarded by lock. */
	private long head = -1;
	private boolean woken;
	private volatile boolean running;
	private Thread reader;
	private Instant lastPrune = Instant.EPOCH;

	final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

	WatchHub(WatchLog log, DurableHorizon horizon, JsonMapper json,
			@Value("${podnet.watch.buffer:4096}") int capacity, @Value("${podnet.watch.poll:200ms}") Duration poll,
			@Value("${podnet.watch.retention:5m}") Duration retention) {
		this.log = log;
		this.horizon = horizon;
		this.json = json;
		this.capacity = capacity;
		this.poll = poll;
		this.retention = retention;
	}

	JsonNode parse(String text) {
		return json.readTree(text);
	}

	Duration retention() {
		return retention;
	}

	/** A commit on this replica: read the log now rather than at the next poll. */
	void wake() {
		synchronized (lock) {
			woken = true;
			lock.notifyAll();
		}
	}

	/**
	 * The events after the revision, from the buffer, waiting up to the deadline for one; empty if
	 * none came. Null if the buffer no longer reaches back to it: the caller reads the log itself.
	 */
	List<StoredEvent> after(long revision, long deadlineNanos) throws InterruptedException {
		synchronized (lock) {
			while (true) {
				if (head >= 0 && revision < head) {
					StoredEvent oldest = buffer.peekFirst();
					if (oldest == null || oldest.revision() > revision + 1) {
						return null;
					}
					List<StoredEvent> newer = new ArrayList<>();
					for (StoredEvent event : buffer) {
						if (event.revision() > revision) {
							newer.add(event);
						}
					}
					return newer;
				}
				long wait = deadlineNanos - System.nanoTime();
				if (wait <= 0 || !running) {
					return List.of();
				}
				lock.wait(Math.max(1, wait / 1_000_000));
			}
		}
	}

	/** The last revision read into the buffer, or -1 before the first read. */
	long head() {
		synchronized (lock) {
			return head;
		}
	}

	/** Reads the log's events after the revision directly: for a watcher behind the buffer. */
	List<StoredEvent> fromLog(long revision) {
		horizon.awaitCommitted();
		return log.after(revision, READ_LIMIT, this::parse);
	}

	long compacted() {
		return log.compacted();
	}

	long revision() {
		return log.revision();
	}

	private void read() {
		while (running) {
			try {
				synchronized (lock) {
					if (!woken) {
						lock.wait(poll.toMillis());
					}
					woken = false;
				}
				if (watchers.isEmpty()) {
					synchronized (lock) {
						head = -1;
						buffer.clear();
					}
				} else {
					readNewEvents();
				}
				pruneNowAndThen();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			} catch (RuntimeException e) {
				logger.warn("Could not read the change log; watchers wait and the reader tries again: {}", e.toString());
				sleepQuietly();
			}
		}
	}

	private void readNewEvents() {
		long from = head();
		if (from < 0) {
			from = log.revision();
			synchronized (lock) {
				head = from;
				lock.notifyAll();
			}
		}
		while (true) {
			// first on disk, then passed on (a no-op on PostgreSQL)
			horizon.awaitCommitted();
			List<StoredEvent> events = log.after(from, READ_LIMIT, this::parse);
			if (events.isEmpty()) {
				return;
			}
			synchronized (lock) {
				for (StoredEvent event : events) {
					buffer.addLast(event);
					if (buffer.size() > capacity) {
						buffer.removeFirst();
					}
				}
				head = events.get(events.size() - 1).revision();
				lock.notifyAll();
			}
			from = head();
			if (events.size() < READ_LIMIT) {
				return;
			}
		}
	}

	/** Once a minute, by whichever replica gets there: events older than the retention go. */
	private void pruneNowAndThen() {
		Instant now = Instant.now();
		if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(1)) < 0
				&& Duration.between(lastPrune, now).compareTo(retention) < 0) {
			return;
		}
		lastPrune = now;
		log.prune(now.minus(retention));
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(poll.toMillis() * 5);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		running = true;
		reader = new Thread(this::read, "watch-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** Ends every watch cleanly (the stream completes; clients resume elsewhere), then the reader. */
	@Override
	public void stop() {
		running = false;
		for (Watcher watcher : watchers) {
			watcher.end();
		}
		wake();
		if (reader != null) {
			reader.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stopped before the web server stops: watches end while their connections still exist. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 100;
	}
}

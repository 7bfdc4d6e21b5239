package io.podnet.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.podnet.database.DurableHorizon;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
 * other replicas' commits), keeps the latest {@code podnet.watch.buffer} of them for watchers that
 * start a little in the past, and hands each watcher the events its filter keeps. Only a watcher
 * that has something to send is woken, so a thousand node agents each following their own node
 * cost one filter test each per change, not a thousand thread wake-ups. A writer never waits for a
 * watcher; a watcher whose queue overflows is told so and resumes from the log. The same thread
 * prunes events older than {@code podnet.watch.retention}.
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
	/** Who watches on this replica; guarded by lock. */
	private final List<Watcher> watchers = new ArrayList<>();
	/** The last revision read from the log (-1: not reading, nobody watches); guarded by lock. */
	private long head = -1;
	/** A commit on this replica since the reader last looked; set without any lock, so a writer never waits. */
	private final AtomicBoolean woken = new AtomicBoolean();
	private final long windowNanos;
	private volatile boolean running;
	private volatile Thread reader;
	private Instant lastPrune = Instant.EPOCH;

	WatchHub(WatchLog log, DurableHorizon horizon, JsonMapper json, MeterRegistry meters,
			@Value("${podnet.watch.buffer:4096}") int capacity, @Value("${podnet.watch.poll:200ms}") Duration poll,
			@Value("${podnet.watch.retention:5m}") Duration retention,
			@Value("${podnet.watch.batch-window:50ms}") Duration window) {
		this.log = log;
		this.horizon = horizon;
		this.json = json;
		this.capacity = capacity;
		this.poll = poll;
		this.retention = retention;
		this.windowNanos = window.toNanos();
		Gauge.builder("podnet.watch.connections", this, WatchHub::watching)
				.description("Watch streams open on this replica").register(meters);
	}

	JsonNode parse(String text) {
		return json.readTree(text);
	}

	Duration retention() {
		return retention;
	}

	/** How many events a watcher may have waiting before it counts as fallen behind. */
	int capacity() {
		return capacity;
	}

	/** A commit on this replica: read the log now rather than at the next poll. */
	void wake() {
		woken.set(true);
		LockSupport.unpark(reader);
	}

	private int watching() {
		synchronized (lock) {
			return watchers.size();
		}
	}

	/**
	 * Starts handing the watcher every event after the hub's head, and answers what it needs to
	 * catch up on by itself: the buffered events after {@code from} up to that head, or null if the
	 * buffer does not reach back that far (the watcher then reads the log up to {@link Join#head}).
	 */
	Join join(Watcher watcher, long from) {
		long now = head() < 0 ? log.revision() : -1;
		synchronized (lock) {
			if (head < 0) {
				// nobody was watching, so the reader starts from the revision just read
				head = now < 0 ? log.revision() : now;
				buffer.clear();
			}
			watchers.add(watcher);
			if (from >= head) {
				return new Join(head, List.of());
			}
			StoredEvent oldest = buffer.peekFirst();
			if (oldest == null || oldest.revision() > from + 1) {
				return new Join(head, null);
			}
			List<StoredEvent> missed = new ArrayList<>();
			for (StoredEvent event : buffer) {
				if (event.revision() > from) {
					missed.add(event);
				}
			}
			return new Join(head, missed);
		}
	}

	/** Where a new watcher joins the live events, and the buffered ones before it (null: read the log). */
	record Join(long head, List<StoredEvent> missed) {
	}

	void leave(Watcher watcher) {
		synchronized (lock) {
			watchers.remove(watcher);
		}
	}

	private long head() {
		synchronized (lock) {
			return head;
		}
	}

	/** Reads the log's events after the revision directly, at most READ_LIMIT: for a watcher catching up. */
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

	/**
	 * The reader's loop: a pass when this replica commits (or every poll, for the others' commits),
	 * but at most one pass per batch window. The first change after a quiet time goes out at once;
	 * under a stream of writes, the changes of one window reach each watcher together, so that it
	 * wakes and writes once for them rather than once per change.
	 */
	private void read() {
		long lastPass = System.nanoTime() - windowNanos;
		while (running) {
			try {
				if (!woken.get()) {
					LockSupport.parkNanos(this, poll.toNanos());
				}
				long rest;
				while ((rest = lastPass + windowNanos - System.nanoTime()) > 0 && running) {
					LockSupport.parkNanos(this, rest);
				}
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				// a commit from here on wakes the next pass
				woken.set(false);
				lastPass = System.nanoTime();
				readNewEvents();
				pruneNowAndThen();
			} catch (RuntimeException e) {
				logger.warn("Could not read the change log; watchers wait and the reader tries again: {}", e.toString());
				sleepQuietly();
			}
		}
	}

	private void readNewEvents() {
		while (true) {
			long from;
			synchronized (lock) {
				if (watchers.isEmpty()) {
					// nobody watches: stop reading until someone joins
					head = -1;
					buffer.clear();
					return;
				}
				from = head;
			}
			// first on disk, then passed on (a no-op on PostgreSQL)
			horizon.awaitCommitted();
			List<StoredEvent> events = log.after(from, READ_LIMIT, this::parse);
			if (events.isEmpty()) {
				return;
			}
			synchronized (lock) {
				if (head != from) {
					// everyone left and someone joined meanwhile, from a newer head: read again from it
					continue;
				}
				for (StoredEvent event : events) {
					buffer.addLast(event);
					if (buffer.size() > capacity) {
						buffer.removeFirst();
					}
				}
				head = events.get(events.size() - 1).revision();
				for (Watcher watcher : watchers) {
					watcher.offer(events, head);
				}
			}
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
		Thread started = new Thread(this::read, "watch-reader");
		started.setDaemon(true);
		reader = started;
		started.start();
	}

	/** Ends every watch cleanly (the stream completes; clients resume elsewhere), then the reader. */
	@Override
	public void stop() {
		running = false;
		List<Watcher> ending;
		synchronized (lock) {
			ending = List.copyOf(watchers);
		}
		for (Watcher watcher : ending) {
			watcher.end();
		}
		Thread stopping = reader;
		if (stopping != null) {
			stopping.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stopped before the web server's graceful shutdown begins (Spring Boot runs it at
	 * {@code DEFAULT_PHASE - 1024}; higher phases stop first): the watches end while their
	 * connections still exist, and the shutdown then waits only for ordinary requests. (DEFAULT_PHASE
	 * is Integer.MAX_VALUE: the "+ 100" this had overflowed to the lowest phase, so a stop waited 30 s
	 * for the open watches and then tore them down.)
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}
}

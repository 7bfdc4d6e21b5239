package io.podnet.watch;

import io.podnet.problem.Expired;
import io.podnet.problem.InvalidQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.podnet.access.TokenRevocations;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Starts watches for the list endpoints: checks what the request asks (a refusal is an ordinary
 * problem+json answer, before any stream begins), then hands the stream to a {@link Watcher}.
 */
@Component
public class Watches {

	/** The longest a watch may run before the client must reconnect (as Kubernetes' timeoutSeconds). */
	static final int MAX_TIMEOUT_SECONDS = 3600;
	private static final int DEFAULT_TIMEOUT_SECONDS = 1800;

	private final WatchHub hub;
	private final TokenRevocations revocations;
	private final Duration heartbeat;
	private final Duration bookmark;
	private final AtomicLong started = new AtomicLong();
	private final Map<String, Counter> sent = new ConcurrentHashMap<>();
	private final MeterRegistry meters;

	Watches(WatchHub hub, TokenRevocations revocations, MeterRegistry meters, @Value("${podnet.watch.heartbeat:15s}") Duration heartbeat,
			@Value("${podnet.watch.bookmark:30s}") Duration bookmark) {
		this.hub = hub;
		this.revocations = revocations;
		this.meters = meters;
		this.heartbeat = heartbeat;
		this.bookmark = bookmark;
	}

	/** The counter of events sent to watchers, by kind of object. */
	private Counter sent(String kind) {
		return sent.computeIfAbsent(kind, k -> Counter.builder("podnet.watch.events.sent")
				.description("Watch events sent to clients (bookmarks and heartbeats not counted)").tag("kind", k)
				.register(meters));
	}

	/** What a watch request asks besides its filter. */
	public record Request(String resourceVersion, String lastEventId, Boolean allowWatchBookmarks,
			Integer timeoutSeconds, boolean serverSentEvents) {
	}

	/** The media type of the stream the request gets. */
	public static MediaType mediaType(Request request) {
		return request.serverSentEvents() ? MediaType.TEXT_EVENT_STREAM : WatchStream.JSON_LINES;
	}

	/**
	 * The answer to a list request with watch=true: the stream of the changes the filter keeps, for
	 * as long as the request's token is valid.
	 */
	public ResponseEntity<ResponseBodyEmitter> respond(WatchFilter filter, Request request) {
		return ResponseEntity.ok().contentType(mediaType(request))
				.body(start(filter, request, revocations.ofCurrentRequest()));
	}

	/**
	 * Starts streaming the changes the filter keeps after the request's resourceVersion (or its
	 * Last-Event-ID, as EventSource resends it; or from now). 400 for a malformed version or timeout,
	 * 410 for one older than the changes kept.
	 */
	ResponseBodyEmitter start(WatchFilter filter, Request request, BooleanSupplier tokenValid) {
		int timeout = timeout(request.timeoutSeconds());
		long from = from(request);
		WatchStream stream = request.serverSentEvents() ? new WatchStream.ServerSentEvents(timeout * 1000L + 5_000)
				: new WatchStream.JsonLines(timeout * 1000L + 5_000);
		Watcher watcher = new Watcher(hub, filter, stream, from, tokenValid, this::sent,
				Boolean.TRUE.equals(request.allowWatchBookmarks()), heartbeat, bookmark, Duration.ofSeconds(timeout));
		stream.emitter().onCompletion(watcher::end);
		stream.emitter().onError(error -> watcher.end());
		// the status and headers go out now, not with the first change: a client (and a proxy) waits for
		// them before it reads anything, and a quiet watch may not see a change for a long time. Framed
		// before the watcher's thread starts, it is written by this request's thread once Spring MVC
		// takes the stream over, so no other thread commits the response while this one still writes it
		try {
			stream.writeHeartbeat();
		} catch (IOException e) {
			// not yet taken over, the emitter only keeps what is sent: nothing is written here
			throw new UncheckedIOException(e);
		}
		watcher.start("watch-" + filter.kind() + "-" + started.incrementAndGet());
		return stream.emitter();
	}

	private long from(Request request) {
		String text = request.resourceVersion() != null && !request.resourceVersion().isEmpty()
				? request.resourceVersion() : request.lastEventId();
		String parameter = request.resourceVersion() != null && !request.resourceVersion().isEmpty()
				? "resourceVersion" : "Last-Event-ID";
		if (text == null || text.isEmpty()) {
			return hub.revision();
		}
		long revision;
		try {
			revision = Long.parseLong(text);
		} catch (NumberFormatException e) {
			revision = -1;
		}
		if (revision < 0 || !text.chars().allMatch(Character::isDigit)) {
			throw new InvalidQuery(parameter, text, -1, "is not a resourceVersion; expected the resourceVersion of a "
					+ "list or of a watch event (digits), or none to watch from now");
		}
		long compacted = hub.compacted();
		if (revision < compacted) {
			throw new Expired("resourceVersion " + revision + " is older than the changes kept (the last "
					+ hub.retention() + "; changes up to " + compacted + " are gone): list again and watch from the "
					+ "list's resourceVersion");
		}
		long current = hub.revision();
		if (revision > current) {
			throw new InvalidQuery(parameter, text, -1, "is newer than the latest change (" + current + "); expected "
					+ "a resourceVersion this service answered");
		}
		return revision;
	}

	private static int timeout(Integer seconds) {
		if (seconds == null) {
			return DEFAULT_TIMEOUT_SECONDS;
		}
		if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
			throw new InvalidQuery("timeoutSeconds", String.valueOf(seconds), -1, "is out of range; expected 1 to "
					+ MAX_TIMEOUT_SECONDS + " seconds (default " + DEFAULT_TIMEOUT_SECONDS + ")");
		}
		return seconds;
	}
}

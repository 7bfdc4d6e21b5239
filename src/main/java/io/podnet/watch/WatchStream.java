package io.podnet.watch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How a watch's events are written: one JSON object per line ({@code application/json;stream=watch},
 * as Kubernetes streams them), or Server-Sent Events for a browser's EventSource, each event's id
 * its resourceVersion so that EventSource resumes by itself (Last-Event-ID).
 *
 * <p>A watcher frames what it has to say into a {@link Batch} and writes it at once: the events of
 * one wake-up go out as one chunk, one flush and one socket write, not one per event (with a
 * thousand watchers, that per-event flush was most of what watching cost the service).
 */
abstract sealed class WatchStream {

	static final MediaType JSON_LINES = new MediaType("application", "json", java.util.Map.of("stream", "watch"));

	private final ResponseBodyEmitter emitter;

	WatchStream(ResponseBodyEmitter emitter) {
		this.emitter = emitter;
	}

	ResponseBodyEmitter emitter() {
		return emitter;
	}

	/** Appends the event's frame. */
	abstract void event(StoredEvent event, Batch out);

	abstract void bookmark(long revision, Batch out);

	abstract void error(int code, String reason, String message, Batch out);

	/** Something on an idle connection, so that proxies keep it. */
	abstract void heartbeat(Batch out);

	/** Writes the batch's bytes as they are (the frames are complete), with one flush; nothing if empty. */
	void write(Batch batch) throws IOException {
		if (batch.size() == 0) {
			return;
		}
		// bytes go through the byte-array converter untouched; the response's headers were sent already
		emitter.send(Set.of(new DataWithMediaType(batch.toByteArray(), MediaType.APPLICATION_OCTET_STREAM)));
	}

	/** Frames one message and writes it. */
	void writeBookmark(long revision) throws IOException {
		Batch batch = new Batch();
		bookmark(revision, batch);
		write(batch);
	}

	void writeError(int code, String reason, String message) throws IOException {
		Batch batch = new Batch();
		error(code, reason, message, batch);
		write(batch);
	}

	void writeHeartbeat() throws IOException {
		Batch batch = new Batch();
		heartbeat(batch);
		write(batch);
	}

	/**
	 * The bytes a watcher has framed and not yet written. A watcher keeps its batch from one write to
	 * the next, so that its buffer grows once rather than at every wake-up (garbage that, with a
	 * thousand watchers of a busy cluster, kept a collector thread a third busy).
	 */
	static final class Batch extends ByteArrayOutputStream {

		/** A buffer grown beyond this (by a catch-up, say) is let go rather than kept for the watch's life. */
		private static final int KEPT = 64 * 1024;

		/** Empties the batch; answers it, or a fresh one if its buffer grew too large to keep. */
		Batch emptied() {
			if (buf.length > KEPT) {
				return new Batch();
			}
			reset();
			return this;
		}

		Batch append(String text) {
			writeBytes(text.getBytes(StandardCharsets.UTF_8));
			return this;
		}

		Batch append(byte[] bytes) {
			writeBytes(bytes);
			return this;
		}
	}

	static String bookmarkLine(long revision) {
		return "{\"type\":\"BOOKMARK\",\"resourceVersion\":\"" + revision + "\",\"object\":{\"resourceVersion\":\""
				+ revision + "\"}}";
	}

	/** As Kubernetes ends a watch with an error: a Status object with the HTTP code and a reason. */
	static String errorLine(int code, String reason, String message) {
		return "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + code
				+ ",\"reason\":\"" + reason + "\",\"message\":\"" + escape(message) + "\"}}";
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					} else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	static final class JsonLines extends WatchStream {

		private static final byte[] NEWLINE = { '\n' };

		JsonLines(long timeoutMillis) {
			super(new ResponseBodyEmitter(timeoutMillis));
		}

		@Override
		void event(StoredEvent event, Batch out) {
			out.append(event.line()).append(NEWLINE);
		}

		@Override
		void bookmark(long revision, Batch out) {
			out.append(bookmarkLine(revision)).append(NEWLINE);
		}

		@Override
		void error(int code, String reason, String message, Batch out) {
			out.append(errorLine(code, reason, message)).append(NEWLINE);
		}

		/** A blank line: JSON decoders of a stream skip white space between objects. */
		@Override
		void heartbeat(Batch out) {
			out.append(NEWLINE);
		}
	}

	/** Frames as the EventSource specification has them: field lines, then a blank line ends the event. */
	static final class ServerSentEvents extends WatchStream {

		ServerSentEvents(long timeoutMillis) {
			super(new SseEmitter(timeoutMillis));
		}

		@Override
		void event(StoredEvent event, Batch out) {
			// the line is one line of JSON (no line breaks in compact JSON), so one data field holds it
			out.append("id:" + event.revision() + "\nevent:" + event.type().name() + "\ndata:").append(event.line())
					.append("\n\n");
		}

		@Override
		void bookmark(long revision, Batch out) {
			out.append("id:" + revision + "\nevent:BOOKMARK\ndata:" + bookmarkLine(revision) + "\n\n");
		}

		@Override
		void error(int code, String reason, String message, Batch out) {
			out.append("event:ERROR\ndata:" + errorLine(code, reason, message) + "\n\n");
		}

		@Override
		void heartbeat(Batch out) {
			out.append(":heartbeat\n\n");
		}
	}
}

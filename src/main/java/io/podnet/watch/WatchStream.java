package io.podnet.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How a watch's events are written: one JSON object per line ({@code application/json;stream=watch},
 * as Kubernetes streams them), or Server-Sent Events for a browser's EventSource, each event's id
 * its resourceVersion so that EventSource resumes by itself (Last-Event-ID).
 */
abstract sealed class WatchStream {

	static final MediaType JSON_LINES = new MediaType("application", "json", java.util.Map.of("stream", "watch"));
	private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

	abstract ResponseBodyEmitter emitter();

	abstract void event(StoredEvent event) throws IOException;

	abstract void bookmark(long revision) throws IOException;

	abstract void error(int code, String reason, String message) throws IOException;

	/** Something on an idle connection, so that proxies keep it. */
	abstract void heartbeat() throws IOException;

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

		private final ResponseBodyEmitter emitter;

		JsonLines(long timeoutMillis) {
			this.emitter = new ResponseBodyEmitter(timeoutMillis);
		}

		@Override
		ResponseBodyEmitter emitter() {
			return emitter;
		}

		private void line(String text) throws IOException {
			emitter.send(text + "\n", JSON);
		}

		@Override
		void event(StoredEvent event) throws IOException {
			line(event.line());
		}

		@Override
		void bookmark(long revision) throws IOException {
			line(bookmarkLine(revision));
		}

		@Override
		void error(int code, String reason, String message) throws IOException {
			line(errorLine(code, reason, message));
		}

		/** A blank line: JSON decoders of a stream skip white space between objects. */
		@Override
		void heartbeat() throws IOException {
			emitter.send("\n", JSON);
		}
	}

	static final class ServerSentEvents extends WatchStream {

		private final SseEmitter emitter;

		ServerSentEvents(long timeoutMillis) {
			this.emitter = new SseEmitter(timeoutMillis);
		}

		@Override
		ResponseBodyEmitter emitter() {
			return emitter;
		}

		@Override
		void event(StoredEvent event) throws IOException {
			emitter.send(SseEmitter.event().id(String.valueOf(event.revision())).name(event.type().name())
					.data(event.line(), JSON));
		}

		@Override
		void bookmark(long revision) throws IOException {
			emitter.send(SseEmitter.event().id(String.valueOf(revision)).name("BOOKMARK")
					.data(bookmarkLine(revision), JSON));
		}

		@Override
		void error(int code, String reason, String message) throws IOException {
			emitter.send(SseEmitter.event().name("ERROR").data(errorLine(code, reason, message), JSON));
		}

		@Override
		void heartbeat() throws IOException {
			emitter.send(SseEmitter.event().comment("heartbeat"));
		}
	}
}

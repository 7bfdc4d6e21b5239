package io.podnet.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A watch stream as a client reads it: the answer's status and content type, then its lines as
 * they come (a thread reads them into a queue; a line "EOF" once the stream ends). Or, with
 * {@link #stalled}, a stream that nobody reads.
 */
public final class Watching implements AutoCloseable {

	public static final String EOF = "EOF";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int status;
	private final String contentType;
	private final InputStream body;
	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private Watching(HttpResponse<InputStream> response, boolean read) {
		this.status = response.statusCode();
		this.contentType = response.headers().firstValue("Content-Type").orElse("");
		this.body = response.body();
		ObservedStatuses.record(response.request().method(), response.request().uri(), status);
		// a refused watch's problem+json is read whole by text(), not line by line
		if (read && status == 200) {
			startReading();
		}
	}

	/** GET path with the token (null: none) and headers given as name, value, …; the lines are read as they come. */
	public static Watching open(String base, String path, String token, String... headers) {
		return open(base, path, token, true, headers);
	}

	/** The same, but nobody reads the stream: its socket buffers fill and the service's writes to it block. */
	public static Watching stalled(String base, String path, String token, String... headers) {
		return open(base, path, token, false, headers);
	}

	private static Watching open(String base, String path, String token, boolean read, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return new Watching(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()), read);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Starts reading a stalled stream after all. */
	public void startReading() {
		Thread reader = new Thread(this::read, "test-watch-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		} catch (IOException e) {
			// closed by the test
		}
		lines.add(EOF);
	}

	public int status() {
		return status;
	}

	public String contentType() {
		return contentType;
	}

	/** The whole answer of a refused watch (a problem+json), read at once. */
	public String text() {
		try {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The next line, waiting up to the timeout; null if none came. */
	public String line(Duration timeout) throws InterruptedException {
		return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next event of a JSON-lines stream (blank heartbeat lines skipped), waiting up to the timeout; null if none. */
	public JsonNode event(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null || line.equals(EOF)) {
				return null;
			}
			if (!line.isBlank()) {
				return JSON.readTree(line);
			}
		}
	}

	@Override
	public void close() {
		try {
			body.close();
		} catch (IOException e) {
			// already closed
		}
	}
}

package io.podnet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the running service over real HTTP, as a script or another service would call it. */
public final class Api {

	/**
	 * The admin secret every test service starts with, as PODNET_ADMIN_TOKEN (IntegrationTest,
	 * ServiceProcess). A client sends it unless told otherwise ({@link #withToken}).
	 */
	public static final String ADMIN_TOKEN = "podnet_test-admin-token-of-the-integration-tests";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final HttpClient http = HTTP;
	private final String base;
	private final String token;

	public Api(int port) {
		this("http://localhost:" + port);
	}

	/** A client of the service at that base URL, e.g. http://127.0.0.1:8080, with the admin token. */
	public Api(String base) {
		this(base, ADMIN_TOKEN);
	}

	private Api(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** The same service called with another bearer token; null: with none. */
	public Api withToken(String secret) {
		return new Api(base, secret);
	}

	public Reply get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public Reply post(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Reply delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	/** Any method, body and content type, for tests of odd requests. */
	public Reply send(String method, String path, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	/** Any method and body, with If-Match, for conditional writes. */
	public Reply send(String method, String path, String contentType, String body, String ifMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return send(request);
	}

	private Reply send(HttpRequest.Builder request) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
			HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
			ObservedStatuses.record(sent.method(), sent.uri(), response.statusCode());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("WWW-Authenticate").orElse(null), response.body(),
					response.headers().map());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** One HTTP answer: status, some headers and the body, parsed when it is JSON. */
	public record Reply(int status, String contentType, String location, String retryAfter, String wwwAuthenticate,
			String body, java.util.Map<String, java.util.List<String>> headers) {

		public Reply(int status, String contentType, String location, String retryAfter, String wwwAuthenticate,
				String body) {
			this(status, contentType, location, retryAfter, wwwAuthenticate, body, java.util.Map.of());
		}

		/** The first value of a header (names are case-insensitive), or null. */
		public String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
					.map(e -> e.getValue().get(0)).findFirst().orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

		/** The text of a top-level or nested field, e.g. {@code text("bridge", "address")}. */
		public String text(String... path) {
			JsonNode node = json();
			for (String name : path) {
				node = node.path(name);
			}
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		public boolean isProblem() {
			return contentType.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}

	/** JSON text from single-quoted text, to keep request bodies readable in tests. */
	public static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}
}

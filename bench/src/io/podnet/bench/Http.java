package io.podnet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The service's HTTP API as every client thread calls it: HTTP/1.1 with keep-alive, the admin token on each request. */
final class Http {

	/** The service's admin secret: run.sh starts it with PODNET_ADMIN_TOKEN and passes it on. */
	private static final String TOKEN = System.getenv().getOrDefault("PODNET_ADMIN_TOKEN", "");

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).build();
	private final String base;

	Http(String base) {
		this.base = base;
	}

	/** The answer, or a negative status when there was none (-1 I/O error, -2 interrupted). */
	Response call(String method, String path, String json) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
				.header("Authorization", "Bearer " + TOKEN);
		if (json != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		} else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.body());
		} catch (IOException e) {
			return new Response(-1, e.toString());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Response(-2, "interrupted");
		}
	}

	/** As {@link #call}, for the requests the run cannot go on without. */
	Response must(String method, String path, String json) {
		Response r = call(method, path, json);
		if (!r.ok()) {
			throw new IllegalStateException(method + " " + path + " -> " + r.status() + " " + r.body());
		}
		return r;
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}

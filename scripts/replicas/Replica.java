package replicas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** One podnet replica: where it listens, its HTTP client, and what it answered. */
final class Replica {
	final String name;
	final URI base;
	final HttpClient http;
	final LongAdder answers = new LongAdder();
	final LongAdder noAnswer = new LongAdder();
	final AtomicInteger inFlight = new AtomicInteger();
	volatile long killedAt;
	volatile long restartedAt;

	Replica(String name, URI base) {
		this.name = name;
		this.base = base;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(3)).build();
	}

	boolean healthy() {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
					.timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
			return r.statusCode() == 200 && r.body().contains("\"UP\"");
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String toString() {
		return name;
	}
}

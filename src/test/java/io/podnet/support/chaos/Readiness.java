package io.podnet.support.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Polls a service's readiness probe in the background, as a load balancer would, and keeps what it saw. */
public final class Readiness implements AutoCloseable {

	/** One answer of the probe: when (ms since the watch began), the status, how long it took. */
	public record Sample(long atMillis, int status, long tookMillis) {

		public boolean up() {
			return status == 200;
		}
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final URI probe;
	private final long started = System.nanoTime();
	private final List<Sample> samples = new CopyOnWriteArrayList<>();
	private final Thread poller;
	private volatile boolean stopped;

	public Readiness(String baseUrl) {
		this.probe = URI.create(baseUrl + "/actuator/health/readiness");
		this.poller = new Thread(this::poll, "readiness-probe");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	private void poll() {
		while (!stopped) {
			long start = System.nanoTime();
			int status;
			try {
				status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(15)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode();
			} catch (IOException e) {
				status = 0;
			} catch (InterruptedException e) {
				return;
			}
			long now = System.nanoTime();
			samples.add(new Sample(millis(now - started), status, millis(now - start)));
			try {
				Thread.sleep(250);
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	/** Milliseconds since the watch began. */
	public long now() {
		return millis(System.nanoTime() - started);
	}

	/** The samples answered between the two moments (ms since the watch began). */
	public List<Sample> between(long fromMillis, long toMillis) {
		return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() <= toMillis).toList();
	}

	public List<Sample> samples() {
		return List.copyOf(samples);
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

	@Override
	public void close() {
		stopped = true;
		poller.interrupt();
	}
}

package io.podnet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The packaged service (target/podnet-*.jar) as a separate process, started with {@code java -jar}
 * as an operator starts it, so a test can kill it with SIGKILL and start it again on the same data.
 * Failsafe runs after the jar is packaged and names it in the system property podnet.test.jar.
 */
public final class ServiceProcess implements AutoCloseable {

	/** C1 only and the serial collector: a service starts in about half the time on 2 cores. */
	private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private final Path workDir;
	private final Path log;
	private final List<String> arguments;
	private final Map<String, String> environment;
	private final int port;
	private SSLContext tls;
	private Process process;

	/**
	 * A service that will run in {@code workDir} (where the default H2 database keeps ./data) on a
	 * free port of 127.0.0.1, with these extra arguments and environment variables.
	 */
	public ServiceProcess(Path workDir, List<String> arguments, Map<String, String> environment) {
		this.workDir = workDir;
		// kept under target/ after the test's directory is gone, for a post-mortem
		this.log = Path.of("target", "service-logs", workDir.getFileName() + ".log").toAbsolutePath();
		this.arguments = List.copyOf(arguments);
		this.environment = Map.copyOf(environment);
		this.port = freePort();
	}

	public static Path jar() {
		String jar = System.getProperty("podnet.test.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("no packaged service at '" + jar + "': run the integration tests with "
					+ "./mvnw verify, which packages it first");
		}
		return Path.of(jar);
	}

	/**
	 * For a service that serves HTTPS (its arguments or environment name an SSL bundle): readiness is
	 * then asked over TLS, trusting what this context trusts. Call before {@link #start()}.
	 */
	public ServiceProcess overTls(SSLContext trust) {
		this.tls = trust;
		return this;
	}

	/** Starts the service and waits until it answers ready; fails with its log's tail if it cannot. */
	public ServiceProcess start() {
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx384m"));
		command.addAll(QUICK_START);
		command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// the tests' admin secret, unless the test gives its own (an empty one: none, as on a fresh machine)
		builder.environment().put("PODNET_ADMIN_TOKEN", Api.ADMIN_TOKEN);
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "=== start " + java.time.Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			process = builder.start();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		awaitReady(Duration.ofSeconds(240));
		return this;
	}

	/** SIGKILL: no shutdown hook, no flush, no goodbye, as a crash or the OOM killer would end it. */
	public void kill() {
		if (process != null) {
			process.destroyForcibly();
			waitFor();
		}
	}

	/** SIGTERM: a graceful stop. */
	public void stop() {
		if (process != null) {
			process.destroy();
			waitFor();
		}
	}

	public boolean isAlive() {
		return process != null && process.isAlive();
	}

	public int port() {
		return port;
	}

	public Api api() {
		return new Api("http://127.0.0.1:" + port);
	}

	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		} catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

	/** The lines of the service's log that contain this text, each with the few lines that follow it. */
	public List<String> logLines(String containing) {
		try {
			List<String> lines = Files.readAllLines(log);
			List<String> found = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains(containing)) {
					found.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 6))));
				}
			}
			return found;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		if (isAlive()) {
			kill();
		}
	}

	private void waitFor() {
		try {
			process.waitFor();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void awaitReady(Duration timeout) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
		if (tls != null) {
			client.sslContext(tls);
		}
		HttpClient http = client.build();
		String scheme = tls == null ? "http" : "https";
		HttpRequest ready = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the service exited with " + process.exitValue() + " while starting:\n"
						+ logTail(60));
			}
			try {
				HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			} catch (IOException e) {
				// not listening yet
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			sleep(200);
		}
		throw new IllegalStateException("the service was not ready after " + timeout.toSeconds() + " s:\n" + logTail(60));
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}

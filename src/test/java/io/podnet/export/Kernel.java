package io.podnet.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local Linux kernel and its tools (iproute2, iputils ping, traceroute), as the kernel replay
 * uses them: run a command with a deadline, list namespaces and the host's own interfaces, and say
 * why the replay cannot run here when it cannot.
 */
final class Kernel {

	static final List<String> TOOLS = List.of("ip", "ping", "traceroute", "sysctl");

	/** What a command printed (stdout and stderr together) and how it ended; exit -1 when it timed out. */
	record Result(int exit, String output) {
		boolean ok() {
			return exit == 0;
		}
	}

	private Kernel() {
	}

	static Result run(Duration timeout, List<String> command) {
		return run(timeout, Map.of(), command);
	}

	static Result run(Duration timeout, Map<String, String> environment, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		// the tools' messages in English whatever the machine's locale, since the replay reads them
		builder.environment().put("LC_ALL", "C");
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			byte[][] output = new byte[1][];
			Thread reader = new Thread(() -> output[0] = readAll(process.getInputStream()), "kernel-output");
			reader.start();
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				process.destroyForcibly().waitFor();
			}
			reader.join();
			String text = new String(output[0], StandardCharsets.UTF_8);
			return new Result(finished ? process.exitValue() : -1, text);
		} catch (IOException e) {
			return new Result(127, command.get(0) + ": " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command, e);
		}
	}

	static Result run(String... command) {
		return run(Duration.ofSeconds(30), List.of(command));
	}

	private static byte[] readAll(InputStream in) {
		try (in) {
			return in.readAllBytes();
		} catch (IOException e) {
			return ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Why the replay cannot run on this machine, or empty when it can: Linux, the tools installed,
	 * and the right to create network namespaces (root, in practice), tried for real.
	 */
	static Optional<String> whyUnavailable(String probeNamespace) {
		if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
			return Optional.of("not Linux (" + System.getProperty("os.name") + ")");
		}
		for (String tool : TOOLS) {
			if (!run("sh", "-c", "command -v " + tool).ok()) {
				return Optional.of(tool + " is not installed (apt-get install iproute2 iputils-ping traceroute procps)");
			}
		}
		Result add = run("ip", "netns", "add", probeNamespace);
		if (!add.ok()) {
			return Optional.of("cannot create a network namespace (not root?): ip netns add said: " + add.output().strip());
		}
		run("ip", "netns", "delete", probeNamespace);
		return Optional.empty();
	}

	/** The named network namespaces, as {@code ip netns list} shows them. */
	static List<String> namespaces() {
		return Arrays.stream(run("ip", "netns", "list").output().split("\n"))
				.map(String::strip).filter(line -> !line.isEmpty())
				.map(line -> line.split(" ")[0])
				.toList();
	}

	/** The interfaces of the namespace this JVM runs in: the host's own, which the replay must never touch. */
	static List<String> hostInterfaces() {
		return Arrays.stream(run("ip", "-o", "link", "show").output().split("\n"))
				.filter(line -> line.contains(": "))
				.map(line -> line.split(": ")[1].split("@")[0])
				.sorted()
				.toList();
	}

	/** Removes every namespace whose name starts with the prefix: the safety net behind a replay's own teardown. */
	static void deleteNamespacesStartingWith(String prefix) {
		if (prefix.length() < 4) {
			throw new IllegalArgumentException("refusing to delete namespaces by the short prefix '" + prefix + "'");
		}
		namespaces().stream().filter(name -> name.startsWith(prefix))
				.forEach(name -> run("ip", "netns", "delete", name));
	}
}

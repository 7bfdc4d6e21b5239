package io.podnet.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script's text the way an operator would, fed to a real shell on its standard input, to
 * show what the shell makes of what podnet writes. The shells run in an empty environment whose
 * PATH is one directory the test fills (fake ip, sysctl), and, where the tests run as root, as
 * nobody: a script that went wrong finds no real command to run and no file of the machine's to
 * write.
 */
final class Shells {

	/** The POSIX shells to check against: dash (Debian's sh) and bash, where installed. */
	static final List<Path> ALL = List.of(Path.of("/bin/sh"), Path.of("/bin/bash")).stream().filter(Files::isExecutable)
			.toList();

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
	private static final String NOBODY = "65534";

	private Shells() {
	}

	/** What the shell wrote to stdout and stderr, as bytes decoded from UTF-8, and its exit status. */
	record Run(String stdout, String stderr, int status) {
	}

	static Run run(Path shell, String script, Path bin) {
		return run(shell, script, bin, Map.of());
	}

	/** As {@link #run(Path, String, Path)}, with these variables in the shell's environment besides PATH. */
	static Run run(Path shell, String script, Path bin, Map<String, String> variables) {
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV)) {
			command.addAll(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		}
		command.add(shell.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(bin.toFile());
		Map<String, String> environment = builder.environment();
		environment.clear();
		environment.putAll(variables);
		environment.put("PATH", bin.toString());
		try {
			Process process = builder.start();
			CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
			try (OutputStream in = process.getOutputStream()) {
				in.write(script.getBytes(StandardCharsets.UTF_8));
			}
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(shell + " did not finish within 30 s");
			}
			return new Run(new String(stdout.join(), StandardCharsets.UTF_8),
					new String(stderr.join(), StandardCharsets.UTF_8), process.exitValue());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A directory for {@link #run}'s PATH, which nobody may read and search: its commands are given by {@link #command}. */
	static Path bin(Path parent) {
		try {
			Path bin = Files.createDirectory(parent.resolve("bin"));
			bin.toFile().setReadable(true, false);
			bin.toFile().setExecutable(true, false);
			parent.toFile().setExecutable(true, false);
			return bin;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A command in {@code bin}: a shell script with that body, which anyone may run. */
	static void command(Path bin, String name, String body) {
		try {
			Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
			file.toFile().setReadable(true, false);
			file.toFile().setExecutable(true, false);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] readAll(java.io.InputStream in) {
		try (in) {
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

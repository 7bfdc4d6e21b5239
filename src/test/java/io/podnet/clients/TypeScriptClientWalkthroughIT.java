package io.podnet.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.IntegrationTest;
import io.podnet.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through through the TypeScript client (typescript-fetch) that the build generates
 * from openapi.yaml into target/generated-clients/typescript: clients/typescript/walkthrough.ts is
 * type-checked against it with tsc and run with tsx on Node.js, against this test's service. Every
 * assertion is in the script; it exits non-zero at the first answer a user would not expect, and this
 * test fails with its output.
 *
 * <p>Skipped, with the reason, where npm is missing (a developer machine with Java only); where it
 * really ran it appends a line to target/client-walkthroughs-ran, which CI (.ci/run, which installs
 * Node.js) requires for both databases.
 */
class TypeScriptClientWalkthroughIT extends IntegrationTest {

	static final Path MARKER = Path.of("target", "client-walkthroughs-ran");

	private static final Path PROJECT = Path.of("clients", "typescript");
	private static final Path GENERATED = Path.of("target", "generated-clients", "typescript", "index.ts");

	@Test
	void theWalkthroughRunsThroughTheGeneratedTypeScriptClient() throws Exception {
		Assumptions.assumeTrue(onPath("npm"), "TypeScript client walk-through skipped: npm is not on the PATH "
				+ "(apt-get install nodejs npm)");
		assertThat(GENERATED).as("the generated client: ./mvnw generate-test-sources writes it").exists();

		// exactly the committed lock file's packages: typescript, tsx, @types/node (no install scripts needed)
		run(Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
		String output = run(Map.of("PODNET_URL", "http://localhost:" + port, "PODNET_TOKEN", Api.ADMIN_TOKEN),
				"npm", "run", "--silent", "walkthrough");

		assertThat(output).contains("ok 12 - deletes answer 204").contains("walk-through complete: 12 steps");
		Files.createDirectories(MARKER.getParent());
		Files.writeString(MARKER, "typescript " + TestDatabase.kind() + ": " + output.lines().reduce((a, b) -> b).orElse("")
				+ "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** Runs a command in the TypeScript project; returns its output, fails with it on a non-zero exit. */
	private static String run(Map<String, String> environment, String... command)
			throws IOException, InterruptedException {
		// output to a file, not a pipe: a hung script still times out, and nothing blocks on a full pipe
		Path log = Files.createTempFile("podnet-typescript-client", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(environment);
		builder.environment().put("NO_UPDATE_NOTIFIER", "1");
		Process process = builder.start();
		boolean exited = process.waitFor(5, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(log);
		Files.delete(log);
		System.out.println("$ " + String.join(" ", command) + "\n" + output);
		assertThat(exited && process.exitValue() == 0)
				.as("'%s' in %s %s:%n%s", String.join(" ", command), PROJECT,
						exited ? "exited with " + process.exitValue() : "did not finish in 5 minutes", output)
				.isTrue();
		return output;
	}

	private static boolean onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
				.anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
	}
}

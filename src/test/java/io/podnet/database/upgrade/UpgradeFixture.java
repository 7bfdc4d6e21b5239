package io.podnet.database.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database as a release of podnet left it, kept in src/test/resources/upgrade: its rows as SQL
 * ({@code v7-demo-cluster.sql}, written at schema version 7) and the API's answers then
 * ({@code v7-demo-cluster.json}). Read from the source tree, not the classpath, so that a run that
 * records a fixture also checks it.
 */
record UpgradeFixture(String version, String name) {

	static final Path DIRECTORY = Path.of("src", "test", "resources", "upgrade");
	private static final Pattern FILE = Pattern.compile("v(\\d+(?:\\.\\d+)*)-(.+)\\.sql");
	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** Every fixture kept, oldest schema first. */
	static Stream<UpgradeFixture> all() {
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			return files.map(file -> FILE.matcher(file.getFileName().toString())).filter(Matcher::matches)
					.map(m -> new UpgradeFixture(m.group(1), m.group(2))).sorted(java.util.Comparator
							.comparing((UpgradeFixture f) -> Integer.parseInt(f.version().split("\\.")[0]))
							.thenComparing(UpgradeFixture::name))
					.toList().stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	Path sql() {
		return DIRECTORY.resolve("v" + version + "-" + name + ".sql");
	}

	Path answers() {
		return DIRECTORY.resolve("v" + version + "-" + name + ".json");
	}

	JsonNode recording() {
		return JSON.readTree(answers().toFile());
	}

	void write(String sql, JsonNode recording) {
		try {
			Files.createDirectories(DIRECTORY);
			Files.writeString(sql(), sql);
			Files.writeString(answers(), JSON.writeValueAsString(recording) + "\n");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public String toString() {
		return "v" + version + "-" + name;
	}
}

package io.podnet.database.backup;

import io.podnet.support.Api;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The default setup: each service in a working directory of its own, H2 in ./data. Backed up with
 * {@code curl -fsS -OJ http://HOST/api/v1/backup} (the file name from Content-Disposition),
 * restored offline with {@code unzip -o podnet-backup-<time>.zip -d data/} in a stopped (here:
 * new) service's working directory.
 */
final class H2Deployment implements Deployment {

	private final Path root;
	private int backups;

	H2Deployment(Path root) {
		this.root = root;
	}

	@Override
	public ServiceProcess start(String name) {
		return new ServiceProcess(directory(name), List.of(), Map.of()).start();
	}

	@Override
	public Path backUp(ServiceProcess service) {
		Path dir = directory("backup-" + ++backups);
		Command.run(dir, "curl", "-fsS", "-OJ", "-H", "Authorization: Bearer " + Api.ADMIN_TOKEN, "http://127.0.0.1:" + service.port() + "/api/v1/backup");
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> saved = files.toList();
			assertThat(saved).as("what curl -OJ saved").hasSize(1);
			assertThat(saved.get(0).getFileName().toString()).matches("podnet-backup-\\d{8}T\\d{6}Z\\.zip");
			return saved.get(0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public ServiceProcess restore(Path backup, String name) {
		Path workDir = directory(name);
		Command.run(workDir, "unzip", "-o", backup.toString(), "-d", "data/");
		assertThat(workDir.resolve("data/podnet.mv.db")).as("the database file the backup restores").isRegularFile();
		return new ServiceProcess(workDir, List.of(), Map.of()).start();
	}

	private Path directory(String name) {
		try {
			return Files.createDirectories(root.resolve(name));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package io.podnet.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.support.Api;
import io.podnet.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh machine without PODNET_ADMIN_TOKEN: the real jar makes the first admin token, writes it
 * to data/admin-token readable by its owner only, logs the file's path but never the secret, and
 * keeps it across restarts. H2 only: where the secret comes from does not depend on the database.
 */
@Tag("h2-only")
class AdminTokenFileIT {

	@TempDir
	Path workDir;

	@Test
	void aFreshServiceWritesItsAdminTokenToAFileOnlyItsOwnerCanRead() throws Exception {
		Path file = workDir.resolve("data/admin-token");
		String secret;
		try (ServiceProcess service = new ServiceProcess(workDir, List.of(), Map.of("PODNET_ADMIN_TOKEN", "")).start()) {
			assertThat(file).exists();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			secret = Files.readString(file).strip();
			assertThat(secret).startsWith("podnet_").hasSizeGreaterThanOrEqualTo(43);
			assertThat(service.logLines("admin-token")).as("the log names the file").isNotEmpty();
			assertThat(service.logTail(10_000)).as("the log never shows the secret").doesNotContain(secret);

			Api admin = service.api().withToken(secret);
			assertThat(admin.get("/api/v1/tokens").status()).isEqualTo(200);
			assertThat(service.api().withToken(Api.ADMIN_TOKEN).get("/api/v1/tokens").status()).isEqualTo(401);
			assertThat(service.api().withToken(null).get("/actuator/health").status()).isEqualTo(200);
		}
		try (ServiceProcess again = new ServiceProcess(workDir, List.of(), Map.of("PODNET_ADMIN_TOKEN", "")).start()) {
			assertThat(Files.readString(file).strip()).as("kept across restarts").isEqualTo(secret);
			assertThat(again.api().withToken(secret).get("/api/v1/clusters").status()).isEqualTo(200);
		}
	}

	@Test
	void aShortAdminTokenFromTheEnvironmentIsRefusedAtStartup() {
		assertThatThrownBy(() -> new AdminToken(null, "too-short", workDir))
				.hasMessageContaining("PODNET_ADMIN_TOKEN must be 32");
	}
}

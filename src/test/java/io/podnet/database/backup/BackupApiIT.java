package io.podnet.database.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.Api;
import io.podnet.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GET /api/v1/backup: a zip of the H2 database file, or, on PostgreSQL, a 501 that names the pg_dump command. */
class BackupApiIT extends IntegrationTest {

	@Test
	@Tag("h2-only")
	void h2AnswersAZipHoldingTheDatabaseFileAsAnAttachment() throws Exception {
		api.post("/api/v1/clusters", "{\"name\":\"demo\",\"nodeNetwork\":\"10.100.0.0/24\",\"podNetwork\":\"10.244.0.0/16\"}");
		HttpResponse<byte[]> backup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/api/v1/backup"))
				.header("Authorization", "Bearer " + Api.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(backup.statusCode()).isEqualTo(200);
		assertThat(backup.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(backup.headers().firstValue("Content-Disposition")).get().asString()
				.matches("attachment; filename=\"podnet-backup-\\d{8}T\\d{6}Z\\.zip\"");
		assertThat(backup.headers().firstValueAsLong("Content-Length")).hasValue(backup.body().length);
		List<String> entries = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(backup.body()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.add(entry.getName());
			}
		}
		assertThat(entries).as("unzip -d data/ puts it where the service looks").containsExactly("podnet.mv.db");
	}

	@Test
	@Tag("postgres-only")
	void postgresAnswers501WithThePgDumpCommand() {
		Reply reply = api.get("/api/v1/backup");

		assertThat(reply.status()).isEqualTo(501);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.text("type")).isEqualTo("urn:podnet:problem:backup-not-supported");
		assertThat(reply.text("command")).startsWith("pg_dump --format=custom --file=podnet.dump --username=")
				.doesNotContain("?", "currentSchema");
		assertThat(reply.text("detail")).contains(reply.text("command"), "pg_restore --dbname=podnet_restored");
	}
}

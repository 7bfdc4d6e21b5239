package io.podnet.database.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Backup", description = "A consistent copy of podnet's database, taken while it keeps serving writes")
class BackupController {

	static final String ZIP = "application/zip";

	private final H2Backup backups;

	BackupController(H2Backup backups) {
		this.backups = backups;
	}

	/**
	 * Written straight to the response, not returned as a streaming body: an asynchronous answer is
	 * cut off by the servlet container's async timeout (30 s), and a large database may take longer.
	 * No produces= on the mapping either, so that a refusal can still be answered as problem+json.
	 */
	@GetMapping("/api/v1/backup")
	@Operation(summary = "Download a backup of the database",
			description = "Embedded H2 (the default setup): H2's BACKUP TO, a zip holding podnet.mv.db, "
					+ "transactionally consistent, taken while writes go on; every write acknowledged before the "
					+ "request is in it. Restore: stop podnet, `unzip -o podnet-backup-<time>.zip -d data/` in its "
					+ "working directory, start it. PostgreSQL: 501, whose detail gives the pg_dump command to run "
					+ "instead. Anyone who can reach the API can download every cluster's data for now; this "
					+ "endpoint becomes admin-only when the API gets tokens.")
	@ApiResponse(responseCode = "200", description = "The backup, as an attachment named podnet-backup-<UTC time>.zip",
			content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "501", description = "The database is not the embedded H2; the detail and the "
			+ "'command' member give the pg_dump command for PostgreSQL",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	void backup(HttpServletResponse response) throws IOException {
		// Must become admin-only when authentication arrives: a backup holds every cluster's data.
		Backup backup = backups.take();
		try {
			response.setContentType(ZIP);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(backup.fileName()).build().toString());
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setContentLengthLong(backup.size());
			Files.copy(backup.file(), response.getOutputStream());
		} finally {
			backup.delete();
		}
	}
}

package io.podnet.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "AuditEvent", description = "One write: who sent it, what it was, and how it ended")
record AuditEventView(
		@Schema(description = "Increasing in the order the records were written", example = "42") long id,
		@Schema(description = "When the request arrived") Instant at,
		@Schema(description = "The token that sent it; absent when the request had no valid token", example = "ci-deployer")
		String token,
		@Schema(example = "POST") String method,
		@Schema(description = "Path and query string", example = "/api/v1/clusters/demo/nodes") String path,
		@Schema(description = "The cluster the write was about, if any", example = "demo") String cluster,
		@Schema(description = "The HTTP status answered", example = "201") int status,
		@Schema(description = "committed: the change and this record were committed together; refused: nothing changed",
				allowableValues = { "committed", "refused" }) String outcome,
		@Schema(description = "The request body (at most 8,000 characters), with secrets removed",
				example = "{\"name\":\"node-1\"}") String body,
		@Schema(description = "What else the record must say: for a write forced through intents (?force=true), "
				+ "the intents it broke", example = "forced through intents it broke: pods-reach-pods")
		String note) {

	AuditEventView(long id, Instant at, String token, String method, String path, String cluster, int status,
			String outcome, String body) {
		this(id, at, token, method, path, cluster, status, outcome, body, null);
	}
}

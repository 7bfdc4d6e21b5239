package io.podnet.problem;

import java.time.Duration;

/**
 * The database cannot be reached, or cannot confirm a write, right now (503 with Retry-After). A
 * read may be retried as it is. A write may or may not have been committed: retry it, and a 409
 * already-exists (or a 404 on a delete) then says the first attempt did commit.
 */
public class DatabaseUnavailable extends Problem {

	/** How long a client should wait before it retries, in the Retry-After header. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	public DatabaseUnavailable(String detail) {
		super(detail);
		with("retryAfterSeconds", RETRY_AFTER.toSeconds());
	}

	@Override
	public int status() {
		return 503;
	}

	@Override
	public String slug() {
		return "database-unavailable";
	}

	@Override
	public String title() {
		return "Database unavailable";
	}
}

package io.podnet.audit;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write request being served on this thread, as the audit log will record it. Set by
 * {@link AuditFilter} for the length of a write request; read when its transaction commits.
 */
final class AuditedWrite {

	private static final ThreadLocal<AuditedWrite> CURRENT = new ThreadLocal<>();

	final Instant at;
	final String method;
	final String path;
	final Supplier<String> body;
	/** What the record must say besides the request ({@link AuditNote}), or null. */
	volatile String note;
	/** The id of the 'committed' record, once a transaction of this request has committed. */
	volatile Long recorded;

	private static final Pattern CLUSTER_IN_PATH = Pattern.compile("^/api/v1/clusters/([^/?]{1,63})(/|\\?|$)");
	private static final Pattern CREATED_CLUSTER = Pattern.compile("^/api/v1/clusters/?(\\?.*)?$");
	private static final Pattern NAME_IN_BODY = Pattern.compile("\"name\":\"([a-z0-9-]{1,63})\"");

	AuditedWrite(Instant at, String method, String path, Supplier<String> body) {
		this.at = at;
		this.method = method;
		this.path = path;
		this.body = body;
	}

	/** The cluster the write is about: named in the path, or the one a POST /clusters creates. */
	String cluster() {
		Matcher inPath = CLUSTER_IN_PATH.matcher(path);
		if (inPath.find()) {
			return inPath.group(1);
		}
		String json = CREATED_CLUSTER.matcher(path).matches() ? body.get() : null;
		Matcher named = json == null ? null : NAME_IN_BODY.matcher(json);
		return named != null && named.find() ? named.group(1) : null;
	}

	static AuditedWrite current() {
		return CURRENT.get();
	}

	static void begin(AuditedWrite write) {
		CURRENT.set(write);
	}

	static void end() {
		CURRENT.remove();
	}

	/** The status a write answers when it succeeds; the filter corrects it if the answer differs. */
	int expectedStatus() {
		return switch (method) {
			case "POST" -> 201;
			case "DELETE" -> 204;
			default -> 200;
		};
	}
}

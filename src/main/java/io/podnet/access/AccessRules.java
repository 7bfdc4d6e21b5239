package io.podnet.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may send which request, in one table: what the authorization check enforces and what a 403
 * names. Everything not listed as public needs a token, so a new endpoint is protected the day it
 * is added (AuthorizationIT walks the OpenAPI document to keep it so).
 *
 * <table>
 * <tr><th>requests</th><th>need</th></tr>
 * <tr><td>the web console's static files (/, /index.html, /console/**): they hold no data, and the
 * console asks for a token before it reads any</td><td>nothing</td></tr>
 * <tr><td>/actuator/health/**, and Swagger UI and the OpenAPI document unless podnet.security.public-docs=false</td><td>nothing</td></tr>
 * <tr><td>GET /actuator/prometheus (every cluster's metrics)</td><td>a viewer not limited to clusters</td></tr>
 * <tr><td>/api/v1/tokens/**, /api/v1/audit/**, /api/v1/backup/**, other /actuator endpoints</td><td>admin</td></tr>
 * <tr><td>POST /api/v1/clusters</td><td>an editor not limited to clusters</td></tr>
 * <tr><td>other writes</td><td>editor (the cluster in scope: {@link ClusterScope})</td></tr>
 * <tr><td>every other GET, HEAD, OPTIONS</td><td>viewer</td></tr>
 * </table>
 */
@Component
public class AccessRules {

	/**
	 * What a request needs: a role, and for requests that reach every cluster (creating one, reading
	 * all their metrics) a token not limited to clusters; {@code everyCluster} says what such a
	 * request does, for the 403 (null: any token of the role will do).
	 */
	public record Need(Role role, String everyCluster) {

		static final Need NOTHING = new Need(null, null);

		Need(Role role) {
			this(role, null);
		}

		boolean unscoped() {
			return everyCluster != null;
		}

		boolean isPublic() {
			return role == null;
		}

		boolean metBy(TokenPrincipal token) {
			return token.role().includes(role) && !(unscoped() && !token.clusters().isEmpty());
		}
	}

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
	private static final String[] ADMIN_AREAS = { "/api/v1/tokens", "/api/v1/audit", "/api/v1/backup" };
	private static final String[] DOCS = { "/swagger-ui.html", "/swagger-ui/", "/v3/api-docs" };
	private static final Set<String> CONSOLE_PAGES = Set.of("/", "/index.html");
	private static final String CONSOLE_FILES = "/console/";

	private final boolean publicDocs;

	AccessRules(@Value("${podnet.security.public-docs:true}") boolean publicDocs) {
		this.publicDocs = publicDocs;
	}

	public Need need(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
			return Need.NOTHING;
		}
		if (READS.contains(request.getMethod()) && (CONSOLE_PAGES.contains(path) || path.startsWith(CONSOLE_FILES))) {
			return Need.NOTHING;
		}
		if (publicDocs && READS.contains(request.getMethod()) && startsWithAny(path, DOCS)) {
			return Need.NOTHING;
		}
		if (path.equals("/actuator/prometheus") && READS.contains(request.getMethod())) {
			return new Need(Role.VIEWER, "reading every cluster's metrics");
		}
		if (startsWithAny(path, ADMIN_AREAS) || path.startsWith("/actuator")) {
			return new Need(Role.ADMIN);
		}
		if (READS.contains(request.getMethod())) {
			return new Need(Role.VIEWER);
		}
		if (request.getMethod().equals("POST") && (path.equals("/api/v1/clusters") || path.equals("/api/v1/clusters/"))) {
			return new Need(Role.EDITOR, "creating a cluster");
		}
		return new Need(Role.EDITOR);
	}

	private static boolean startsWithAny(String path, String[] prefixes) {
		for (String prefix : prefixes) {
			if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
					|| path.startsWith(prefix + ".")) {
				return true;
			}
		}
		return false;
	}
}

package io.podnet.access;

import io.podnet.problem.DatabaseUnavailable;
import io.podnet.problem.Echo;
import io.podnet.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security layer, as problem+json like every other refusal: 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750), 403 naming the role needed, 503 when the
 * token table cannot be read, 400 for a request the firewall refuses.
 */
class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

	static final String REALM = "podnet";

	private final AccessRules rules;
	private final JsonMapper json = JsonMapper.builder().build();

	ProblemAnswers(AccessRules rules) {
		this.rules = rules;
	}

	/** No token, or one that is malformed, unknown or revoked: 401. The database down: 503. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		if (e instanceof AuthenticationServiceException) {
			log.warn("Cannot check a bearer token: {}", e.toString());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
			write(response, 503, "database-unavailable", "Database unavailable", "the token cannot be checked because "
					+ "the database is unavailable right now; retry in " + DatabaseUnavailable.RETRY_AFTER.toSeconds() + " s",
					Map.of());
			return;
		}
		boolean invalid = e instanceof InvalidBearerTokenException || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		String challenge = "Bearer realm=\"" + REALM + "\"";
		String detail;
		if (invalid) {
			challenge += ", error=\"invalid_token\", error_description=\"The token is malformed, unknown or revoked\"";
			detail = "the bearer token is not valid: it is malformed, unknown or revoked, or the Authorization header is "
					+ "not 'Bearer <secret>'. Tokens go in the Authorization header only, never in the URL";
		} else {
			detail = "this request needs a token: send 'Authorization: Bearer <secret>'. The first admin token is "
					+ "PODNET_ADMIN_TOKEN, or the admin-token file in podnet's data directory; POST /api/v1/tokens makes others";
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		write(response, 401, "unauthorized", "Unauthorized", detail, Map.of());
	}

	/** A valid token whose role or scope is too narrow for this request: 403, naming what it needs. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		AccessRules.Need need = rules.need(request);
		TokenPrincipal token = Caller.current().orElse(null);
		if (token == null || need.isPublic()) {
			write(response, 403, "forbidden", "Forbidden", "this request is not allowed", Map.of());
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("requiredRole", need.role().label());
		properties.put("role", token.role().label());
		String detail;
		if (token.role().includes(need.role())) {
			String article = need.role() == Role.VIEWER ? "a " : "an ";
			detail = need.everyCluster() + " needs " + article + need.role().label() + " token that is not limited to clusters; token '"
					+ token.name() + "' is limited to " + token.clusters();
		} else {
			detail = "this request needs the role '" + need.role().label() + "'; token '" + token.name() + "' has the role '"
					+ token.role().label() + "'";
		}
		write(response, 403, "forbidden", "Forbidden", detail, properties);
	}

	/** Spring Security's firewall refused the request line or a header (e.g. "//" or ";" in the path). */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
			throws IOException {
		log.debug("Firewall refused a request: {}", e.getMessage());
		write(response, 400, "bad-request", "Bad request", "the request was refused before it reached the API: "
				+ Echo.cut(String.valueOf(e.getMessage()), 300), Map.of());
	}

	private void write(HttpServletResponse response, int status, String slug, String title, String detail,
			Map<String, Object> properties) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problem.TYPE_PREFIX + slug);
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.putAll(properties);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(body));
	}
}

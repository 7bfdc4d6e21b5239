package io.podnet.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every status an operation can answer, from rules rather than per-controller annotations, so an
 * operation added later (PATCH, a new list) is documented the day it exists. springdoc knows only
 * the Java return type and so writes 200 for everything; the service answers:
 * <ul>
 * <li>201 with Location (and ETag for versioned resources) for a POST, which creates; 204 without
 * a body for a DELETE; 200 otherwise, with ETag and 304 (If-None-Match) on a versioned resource's
 * GET;</li>
 * <li>400 anywhere: the request guard refuses a query string with broken encoding, a control
 * character or a parameter given twice before any controller runs, and a body that is not JSON;</li>
 * <li>401 anywhere, 403 on writes and on the admin areas (tokens, audit, backup), as access/AccessRules says;</li>
 * <li>404 where the path names a resource, 409 on writes, 410 on lists that take watch (an expired
 * resourceVersion), 412 where If-Match is taken;</li>
 * <li>413 and 415 where a body is read; 422 there and on reads that take query parameters (a limit
 * out of range, a continue token of another list, a time that is no RFC 3339 time);</li>
 * <li>503 with Retry-After anywhere: every operation reads the database, and one that cannot be
 * reached within its timeouts is answered so rather than with a hang or a 500.</li>
 * </ul>
 * Problem answers are shared components (#/components/responses/…) with the Problem schema;
 * DocumentedStatusesCheck compares them with what the integration suite really got.
 */
final class DocumentedStatuses {

	private static final String RESPONSES = "#/components/responses/";
	private static final String HEADERS = "#/components/headers/";
	private static final String[] ADMIN_AREAS = { "/api/v1/tokens", "/api/v1/audit", "/api/v1/backup" };

	/** The shared problem answers by status, with what each means in this API. */
	private static final Map<String, Problem> PROBLEMS = new TreeMap<>(Map.ofEntries(
			Map.entry("400", new Problem("BadRequest", "The request cannot be read: a body that is not JSON, has an "
					+ "unknown field or a value of the wrong type; or a query parameter that is malformed (limit, continue, "
					+ "a selector), given twice or holding a control character. The detail names it.")),
			Map.entry("401", new Problem("Unauthorized", "No token, or one that is malformed, unknown or revoked "
					+ "(with WWW-Authenticate: Bearer realm=\"podnet\")")),
			Map.entry("403", new Problem("Forbidden", "The token's role is too weak for this request, or it is scoped "
					+ "to clusters and the request needs an unscoped one; the detail names what is needed")),
			Map.entry("404", new Problem("NotFound", "A resource named in the path does not exist, or is outside the "
					+ "token's cluster scope (answered exactly alike)")),
			Map.entry("409", new Problem("Conflict", "Already exists, still in use (a cluster with nodes, a node with "
					+ "pods), changed concurrently, or the address space is exhausted")),
			Map.entry("410", new Problem("Gone", "A watch's resourceVersion is older than the changes kept "
					+ "(podnet.watch.retention): list again and watch from the list's resourceVersion")),
			Map.entry("412", new Problem("PreconditionFailed", "If-Match named none of the resource's current ETag")),
			Map.entry("413", new Problem("ContentTooLarge", "The body is larger than podnet.max-request-body (1 MiB)")),
			Map.entry("415", new Problem("UnsupportedMediaType", "The body is not of the media type the operation "
					+ "consumes, is compressed (Content-Encoding), or its Content-Type is a wildcard")),
			Map.entry("422", new Problem("UnprocessableContent", "A value is invalid or a limit is reached "
					+ "(limit-exceeded); the detail says which value and what would be valid")),
			Map.entry("503", new Problem("ServiceUnavailable", "The database cannot be reached within its timeouts "
					+ "(down, restarting, failing over). A write may or may not have been committed: retry it after "
					+ "Retry-After seconds"))));

	private record Problem(String name, String description) {
	}

	private DocumentedStatuses() {
	}

	static void add(OpenAPI openApi) {
		declareComponents(openApi.getComponents());
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> add(openApi.getComponents(), method, path, operation)));
	}

	/**
	 * Adding or removing an address family is a change of the cluster (a family is not a resource of
	 * its own): it answers 200 with the cluster as it is now, as a PATCH would.
	 */
	static boolean changesTheCluster(String path) {
		return path.endsWith("/families") || path.endsWith("/families/{family}");
	}

	private static void add(Components components, HttpMethod method, String path, Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean versioned = isVersioned(components, responses.get("200"));
		boolean item = path.endsWith("}");
		boolean body = operation.getRequestBody() != null;
		boolean write = method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
		if (changesTheCluster(path)) {
			responses.get("200").addHeaderObject("ETag", header("ETag"));
		}
		switch (method) {
			case POST -> {
				// a what-if only asks: its POST carries the proposal, creates nothing and answers 200
				if (!path.endsWith("/what-if") && !changesTheCluster(path)) {
					created(responses, versioned);
				}
			}
			case DELETE -> {
				if (!changesTheCluster(path)) {
					responses.remove("200");
					responses.addApiResponse("204", new ApiResponse().description("Deleted; no body"));
				}
			}
			default -> {
				if (versioned && item) {
					responses.get("200").addHeaderObject("ETag", header("ETag"));
					if (method == HttpMethod.GET) {
						responses.addApiResponse("304", new ApiResponse().description("Not modified: If-None-Match named "
								+ "the resource's current ETag; no body").addHeaderObject("ETag", header("ETag")));
					}
				}
			}
		}
		problem(responses, "400");
		problem(responses, "401");
		if (write || isAdminArea(path)) {
			problem(responses, "403");
		}
		if (path.contains("{")) {
			problem(responses, "404");
		}
		if (write) {
			problem(responses, "409");
		}
		if (takesIfMatch(operation)) {
			problem(responses, "412");
		}
		if (body) {
			problem(responses, "413");
			problem(responses, "415");
		}
		if (body || method == HttpMethod.GET && takesQuery(operation)) {
			problem(responses, "422");
		}
		if (takesWatch(operation)) {
			problem(responses, "410");
		}
		problem(responses, "503");
	}

	/** A list that streams its changes with watch=true (see watch/WatchParameters). */
	private static boolean takesWatch(Operation operation) {
		return operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()) && "watch".equals(p.getName()));
	}

	private static void created(ApiResponses responses, boolean versioned) {
		ApiResponse ok = responses.remove("200");
		ApiResponse created = ok != null ? ok : responses.getOrDefault("201", new ApiResponse());
		created.description("Created; Location names the new resource");
		created.addHeaderObject("Location", header("Location"));
		if (versioned) {
			created.addHeaderObject("ETag", header("ETag"));
		}
		responses.addApiResponse("201", created);
	}

	private static void problem(ApiResponses responses, String status) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().$ref(RESPONSES + PROBLEMS.get(status).name()));
		}
	}

	private static Header header(String name) {
		return new Header().$ref(HEADERS + name);
	}

	private static void declareComponents(Components components) {
		PROBLEMS.forEach((status, problem) -> {
			ApiResponse response = new ApiResponse().description(problem.description())
					.content(ProblemDocumentation.content());
			if (status.equals("503")) {
				response.addHeaderObject("Retry-After", header("Retry-After"));
			}
			components.addResponses(problem.name(), response);
		});
		components.addHeaders("Location", new Header().description("The path of the new resource")
				.schema(new StringSchema().format("uri-reference").example("/api/v1/clusters/demo")));
		components.addHeaders("ETag", new Header().description("The resource's version as a strong entity tag, "
				+ "\"<resourceVersion>\"; send it back in If-Match (writes) or If-None-Match (reads)")
				.schema(new StringSchema().example("\"0\"")));
		components.addHeaders("Retry-After", new Header().description("Seconds to wait before retrying")
				.schema(new IntegerSchema().example(2)));
	}

	/** Whether the answer is a resource with a resourceVersion, and so carries an ETag. */
	private static boolean isVersioned(Components components, ApiResponse ok) {
		if (ok == null || ok.getContent() == null) {
			return false;
		}
		for (MediaType media : ok.getContent().values()) {
			Schema<?> schema = media.getSchema();
			if (schema != null && schema.get$ref() != null) {
				schema = components.getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
			}
			if (schema != null && schema.getProperties() != null && schema.getProperties().containsKey("resourceVersion")) {
				return true;
			}
		}
		return false;
	}

	private static boolean takesQuery(Operation operation) {
		return operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch(parameter -> "query".equals(parameter.getIn()));
	}

	private static boolean takesIfMatch(Operation operation) {
		if (operation.getParameters() == null) {
			return false;
		}
		for (Parameter parameter : operation.getParameters()) {
			if ("header".equals(parameter.getIn()) && "If-Match".equalsIgnoreCase(parameter.getName())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isAdminArea(String path) {
		for (String area : ADMIN_AREAS) {
			if (path.equals(area) || path.startsWith(area + "/")) {
				return true;
			}
		}
		return false;
	}
}

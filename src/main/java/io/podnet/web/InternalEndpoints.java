package io.podnet.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * The document describes the API under /api/ only. Spring's /error (where the servlet container
 * forwards what it refuses itself) answers every HTTP method and is no operation a client calls;
 * listed, it made OpenAPI Generator refuse the document.
 */
final class InternalEndpoints {

	static final String API_PREFIX = "/api/";

	private InternalEndpoints() {
	}

	static void remove(OpenAPI openApi) {
		openApi.getPaths().keySet().removeIf(path -> !path.startsWith(API_PREFIX));
	}
}

package io.podnet.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and answer examples from the README's walk-through (the article's cluster demo:
 * node network 10.100.0.0/24, pod network 10.244.0.0/16, node-1 and node-2, the nginx+scrapyd pod
 * web and the pod db), as the service answered them, keyed by operation id in
 * walk-through-examples.json. Swagger UI shows them, "Try it out" sends them, and Spectral checks
 * each against its schema.
 */
final class WalkThroughExamples {

	private static final String FILE = "walk-through-examples.json";

	private WalkThroughExamples() {
	}

	static void add(OpenAPI openApi) {
		Map<String, Map<String, Object>> examples = load();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			Map<String, Object> example = examples.get(operation.getOperationId());
			if (example != null) {
				add(operation, example);
			}
		}));
		openApi.getComponents().getSchemas().values().forEach(WalkThroughExamples::stringExamplesAsText);
	}

	private static void add(Operation operation, Map<String, Object> example) {
		if (example.containsKey("request") && operation.getRequestBody() != null) {
			setExample(operation.getRequestBody().getContent(), example.get("request"));
		}
		if (example.containsKey("response")) {
			for (String status : new String[] { "200", "201" }) {
				ApiResponse response = operation.getResponses().get(status);
				if (response != null) {
					setExample(response.getContent(), example.get("response"));
				}
			}
		}
	}

	private static void setExample(Content content, Object example) {
		if (content != null) {
			content.values().forEach(media -> media.setExample(example));
		}
	}

	/**
	 * A string property whose example springdoc read as JSON (the audit log's request body) gets its
	 * example back as the text it is: an object example on a string schema is invalid.
	 */
	private static void stringExamplesAsText(Schema<?> schema) {
		if (schema.getProperties() == null) {
			return;
		}
		for (Schema<?> property : schema.getProperties().values()) {
			Object example = property.getExample();
			if (isString(property) && example != null && !(example instanceof String)) {
				property.setExample(JsonMapper.shared().writeValueAsString(example));
			}
		}
	}

	private static boolean isString(Schema<?> schema) {
		return "string".equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains("string");
	}

	private static Map<String, Map<String, Object>> load() {
		try (InputStream in = WalkThroughExamples.class.getResourceAsStream(FILE)) {
			if (in == null) {
				throw new IllegalStateException(FILE + " is missing from the classpath");
			}
			return JsonMapper.shared().readValue(in, new TypeReference<Map<String, Map<String, Object>>>() {
			});
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

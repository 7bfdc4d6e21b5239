package io.podnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What a client generated from the committed openapi.yaml relies on (OpenApiSpecIT keeps it equal
 * to what the service serves; Spectral and OpenAPI Generator check its form in the build).
 */
class OpenApiDocumentTests {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	private static Map<String, Object> document;

	@BeforeAll
	static void read() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("openapi.yaml"), StandardCharsets.UTF_8)) {
			document = new Yaml(new LoaderOptions()).load(reader);
		}
	}

	@Test
	void serversAreRelativeAndTheLicenseIsAnSpdxIdentifier() {
		assertThat(list(document, "servers").stream().map(server -> String.valueOf(((Map<?, ?>) server).get("url"))).toList())
				.containsExactly("/");
		assertThat(map(map(document, "info"), "license").get("identifier")).isEqualTo("Apache-2.0");
		assertThat(map(map(document, "info"), "contact")).isNotEmpty();
	}

	@Test
	void onlyTheApiIsDescribedAndEveryReferenceResolves() {
		assertThat(map(document, "paths").keySet()).allMatch(path -> path.startsWith("/api/v1/"));
		assertThat(map(map(document, "components"), "schemas")).containsKey("Problem");
		List<String> refs = new ArrayList<>();
		collectRefs(document, refs);
		assertThat(refs).isNotEmpty().allSatisfy(ref -> {
			Object target = document;
			for (String part : ref.substring(2).split("/")) {
				target = ((Map<?, ?>) target).get(part);
				assertThat(target).as(ref).isNotNull();
			}
		});
	}

	@Test
	void everyOperationHasAStableIdASummaryADescriptionAndADeclaredTag() {
		Set<String> declared = new HashSet<>();
		for (Object tag : list(document, "tags")) {
			assertThat(((Map<?, ?>) tag).get("description")).as("tag %s has a description", tag).isNotNull();
			declared.add((String) ((Map<?, ?>) tag).get("name"));
		}
		Set<String> ids = new HashSet<>();
		operations((name, operation) -> {
			String id = (String) operation.get("operationId");
			assertThat(id).as(name).matches("[a-z]+[A-Z][A-Za-z]*").doesNotContain("_");
			assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
			assertThat(operation.get("summary")).as(name).isNotNull();
			assertThat(operation.get("description")).as(name).isNotNull();
			assertThat(new HashSet<Object>(declared)).as(name).containsAll(list(operation, "tags"));
		});
		assertThat(ids).contains("createCluster", "listClusters", "getCluster", "deleteCluster", "createNode", "deleteNode",
				"createPod", "listPods", "listClusterPods", "tracePath");
	}

	@Test
	void successStatusesAreTheOnesTheServiceAnswers() {
		operations((name, operation) -> {
			Map<String, Object> responses = map(operation, "responses");
			assertThat(responses).as(name).containsKeys("400", "401", "503");
			if (name.endsWith("/families") || name.endsWith("/families/{family}")) {
				// a family added or removed changes the cluster, which the answer shows
				assertThat(responses).as(name).containsKeys("200", "409").doesNotContainKeys("201", "204");
				assertThat(map(map(responses, "200"), "headers")).as(name).containsKey("ETag");
			} else if (name.startsWith("POST ") && name.endsWith("/what-if")) {
				// a question sent by POST (it carries the proposed changes): it creates nothing
				assertThat(responses).as(name).containsKey("200").doesNotContainKey("201");
				assertThat(responses).as(name).containsKeys("413", "415", "422");
			} else if (name.startsWith("POST ")) {
				assertThat(responses).as(name).containsKey("201").doesNotContainKey("200");
				assertThat(map(map(responses, "201"), "headers")).as(name).containsKey("Location");
				assertThat(responses).as(name).containsKeys("413", "415", "422");
			} else if (name.startsWith("DELETE ")) {
				assertThat(responses).as(name).containsKeys("204", "409").doesNotContainKey("200");
			} else {
				assertThat(responses).as(name).containsKey("200");
			}
			boolean ifMatch = list(operation, "parameters").stream()
					.anyMatch(parameter -> "If-Match".equals(((Map<?, ?>) parameter).get("name")));
			assertThat(responses.containsKey("412")).as(name + " answers 412 exactly when it takes If-Match").isEqualTo(ifMatch);
		});
		Map<String, Object> retry = map(map(map(document, "components"), "responses"), "ServiceUnavailable");
		assertThat(map(retry, "headers")).containsKey("Retry-After");
	}

	@Test
	void theWalkThroughIsTheExample() {
		Map<String, Object> create = map(map(map(document, "paths"), "/api/v1/clusters"), "post");
		Map<String, Object> request = map(map(map(create, "requestBody"), "content"), "application/json");
		assertThat(map(request, "example")).containsEntry("podNetwork", "10.244.0.0/16").containsEntry("nodeNetwork",
				"10.100.0.0/24");
		Map<String, Object> answer = map(map(map(map(create, "responses"), "201"), "content"), "application/json");
		assertThat(map(answer, "example")).containsEntry("gateway", "10.100.0.1");
	}

	private interface OperationVisitor {
		void visit(String name, Map<String, Object> operation);
	}

	@SuppressWarnings("unchecked")
	private static void operations(OperationVisitor visitor) {
		map(document, "paths").forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
			if (METHODS.contains(method)) {
				visitor.visit(method.toUpperCase() + " " + path, (Map<String, Object>) operation);
			}
		}));
	}

	private static void collectRefs(Object node, List<String> refs) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("$ref".equals(key)) {
					refs.add((String) value);
				} else {
					collectRefs(value, refs);
				}
			});
		} else if (node instanceof List<?> items) {
			items.forEach(item -> collectRefs(item, refs));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> node, String key) {
		Object value = node.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> node, String key) {
		Object value = node.get(key);
		return value instanceof List<?> items ? (List<Object>) items : List.of();
	}
}

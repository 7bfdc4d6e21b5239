package io.podnet.web;

import io.podnet.problem.Problem;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API description for Swagger UI and the committed openapi.yaml. Error answers are the same
 * problem+json everywhere, so they are added to every operation here rather than annotated on
 * each one.
 */
@Configuration
class OpenApiConfig {

	private static final String PROBLEM = "Problem";
	private static final String BEARER = "bearer";

	@Bean
	OpenAPI podnetOpenApi() {
		return new OpenAPI()
				.info(new Info().title("podnet")
						.version("v1")
						.description("Control plane for routes-based Kubernetes pod networks: clusters with a node network "
								+ "and a pod network, nodes with their own bridge (cbr0) subnet carved from the pod network, "
								+ "and the gateway route table that makes pods on different nodes reach each other. "
								+ "Errors are RFC 9457 problem+json documents whose `detail` names the field, the bad "
								+ "value and what would be valid.")
						.license(new License().name("Apache-2.0")))
				// fixed, so the served spec does not depend on the port the tests run on
				.servers(List.of(new Server().url("http://localhost:8080").description("local podnet")))
				// every operation needs a bearer token (Swagger UI: "Authorize"); access/AccessRules says which role
				.addSecurityItem(new SecurityRequirement().addList(BEARER))
				.components(new Components().addSchemas(PROBLEM, problemSchema())
						.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
								.description("A podnet token: PODNET_ADMIN_TOKEN, the data directory's admin-token file, "
										+ "or a secret from POST /api/v1/tokens. viewer: every GET; editor: writes on the "
										+ "clusters of its scope; admin: also tokens, the audit log and backups")));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema()
				.description("RFC 9457 problem details")
				.addProperty("type", new StringSchema().example("urn:podnet:problem:invalid-value"))
				.addProperty("title", new StringSchema().example("Invalid value"))
				.addProperty("status", new IntegerSchema().example(422))
				.addProperty("detail", new StringSchema()
						.example("podNetwork: '10.244.0.1/16' has host bits set; did you mean 10.244.0.0/16?"))
				.addProperty("instance", new StringSchema().example("/api/v1/clusters"))
				.addProperty("field", new StringSchema().description("The offending field, when there is one")
						.example("podNetwork"))
				.addProperty("value", new StringSchema().description("The offending value, when there is one")
						.example("10.244.0.1/16"));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> openApi.getPaths().forEach((path, item) -> {
			boolean named = path.contains("{");
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
				Operation operation = entry.getValue();
				boolean writes = entry.getKey() != PathItem.HttpMethod.GET;
				add(operation, "401", "No token, or one that is malformed, unknown or revoked (WWW-Authenticate: Bearer)");
				add(operation, "403", "The token's role is too weak for this request; the detail names the role needed");
				if (entry.getKey() == PathItem.HttpMethod.POST) {
					add(operation, "400", "Malformed JSON, an unknown field or a value of the wrong type");
					add(operation, "422", "A value is invalid; the detail says which and what would be valid");
				}
				if (named) {
					add(operation, "404", "The cluster, node or other named resource does not exist");
				}
				if (writes) {
					add(operation, "409", "Already exists, still in use, or the address space is exhausted");
				}
			}
		});
	}

	private static void add(Operation operation, String status, String description) {
		Content content = new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
		operation.getResponses().addApiResponse(status, new ApiResponse().description(description).content(content));
	}
}

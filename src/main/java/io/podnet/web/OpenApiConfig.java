package io.podnet.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description served at /v3/api-docs and committed as openapi.yaml, which clients are
 * generated from. springdoc writes what the controllers declare; the one customizer here then
 * makes it tell the whole truth, in a fixed order: stable operation ids first (the examples are
 * keyed by them), then every status an operation can answer, the walk-through's examples, and
 * patterns that every client language reads as the server does.
 */
@Configuration
class OpenApiConfig {

	static final String BEARER = "bearer";

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
						.contact(new Contact().name("podnet maintainers"))
						// OpenAPI 3.1 names the license by its SPDX identifier
						.license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
				// relative: Swagger UI's "Try it out" and generated clients call the host the document came
				// from (any port, a reverse proxy), not the reader's own machine
				.servers(List.of(new Server().url("/").description("the podnet that serves this document")))
				// every operation needs a bearer token (Swagger UI: "Authorize"); access/AccessRules says which role
				.addSecurityItem(new SecurityRequirement().addList(BEARER))
				.components(new Components().addSchemas(ProblemDocumentation.SCHEMA, ProblemDocumentation.schema())
						.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
								.description("A podnet token: PODNET_ADMIN_TOKEN, the data directory's admin-token file, "
										+ "or a secret from POST /api/v1/tokens. viewer: every GET; editor: writes on the "
										+ "clusters of its scope; admin: also tokens, the audit log and backups")));
	}

	@Bean
	OpenApiCustomizer truthfulDocument() {
		return openApi -> {
			// springdoc builds components from the controllers and may have started from a copy made
			// before the bean above was read: make sure the schema every error answer refers to is there
			openApi.getComponents().addSchemas(ProblemDocumentation.SCHEMA, ProblemDocumentation.schema());
			InternalEndpoints.remove(openApi);
			OperationIds.assign(openApi);
			DocumentedStatuses.add(openApi);
			WalkThroughExamples.add(openApi);
			PortablePatterns.apply(openApi);
		};
	}
}

package io.podnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is the committed copy of the spec the service serves. This test fails when they
 * differ; regenerate with {@code ./mvnw verify -Dopenapi.update=true} and commit the result.
 */
class OpenApiSpecIT extends IntegrationTest {

	private static final Path COMMITTED = Path.of("openapi.yaml");

	@Test
	void committedOpenapiYamlIsWhatTheServiceServes() throws Exception {
		Reply served = api.get("/v3/api-docs.yaml");
		assertThat(served.status()).isEqualTo(200);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, served.body(), StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(COMMITTED)).as("openapi.yaml exists; create it with -Dopenapi.update=true").isTrue();
		assertThat(served.body())
				.as("openapi.yaml is stale; regenerate with ./mvnw verify -Dopenapi.update=true")
				.isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
	}

	@Test
	void swaggerUiAndTheJsonSpecAreServed() {
		Reply ui = api.get("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("Swagger UI");
		Reply spec = api.get("/v3/api-docs");
		assertThat(spec.json().path("paths").has("/api/v1/clusters")).isTrue();
		assertThat(spec.json().path("paths").path("/api/v1/clusters").path("post").path("responses").has("422")).isTrue();
	}

	@Test
	void healthIsUpForReadiness() {
		assertThat(api.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
		assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
	}
}

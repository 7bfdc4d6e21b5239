package io.podnet.reachability;

import io.podnet.api.Force;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;
import java.util.function.Function;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents ?force=true on the writes that intents guard ({@link IntentGuard}). */
@Configuration(proxyBeanMethods = false)
class ForceDocumentation {

	private static final String CLUSTER = "/api/v1/clusters/{cluster}";

	/** The guarded writes: path, and which of its operations. */
	private static final Map<String, Function<PathItem, java.util.List<Operation>>> WRITES = Map.of(
			CLUSTER + "/routes", path -> list(path.getPost()),
			CLUSTER + "/routes/{destination}", path -> list(path.getDelete()),
			CLUSTER + "/nodes", path -> list(path.getPost()),
			CLUSTER + "/nodes/{node}", path -> list(path.getDelete()),
			CLUSTER + "/namespaces/{namespace}/pods", path -> list(path.getPost()),
			CLUSTER + "/namespaces/{namespace}/pods/{pod}", path -> list(path.getDelete(), path.getPatch()));

	@Bean
	OpenApiCustomizer forceParameter() {
		return api -> WRITES.forEach((path, operations) -> {
			PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
			if (item != null) {
				operations.apply(item).forEach(operation -> operation.addParametersItem(new Parameter().in("query")
						.name(Force.PARAMETER).required(false).schema(new BooleanSchema()._default(false))
						.description("true: carry the write out even though it breaks an intent of the cluster "
								+ "(otherwise 409 naming the intents and the flows it would break); the audit record "
								+ "notes the intents it broke")
						.example(true)));
			}
		});
	}

	private static java.util.List<Operation> list(Operation... operations) {
		return java.util.Arrays.stream(operations).filter(o -> o != null).toList();
	}
}

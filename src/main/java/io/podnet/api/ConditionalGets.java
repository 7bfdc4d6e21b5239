package io.podnet.api;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Documents If-None-Match and its 304 on the GETs answered by {@link Versions#answer}: those are the
 * GETs that take If-Match, which is how they are found here without a mark on every controller.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalGets {

	@Bean
	OperationCustomizer ifNoneMatchDocumentation() {
		return (operation, handler) -> {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
			boolean get = mapping != null && Arrays.asList(mapping.method()).contains(RequestMethod.GET);
			boolean takesIfMatch = operation.getParameters() != null && operation.getParameters().stream()
					.anyMatch(p -> "header".equals(p.getIn()) && Versions.IF_MATCH.equalsIgnoreCase(p.getName()));
			if (!get || !takesIfMatch) {
				return operation;
			}
			operation.addParametersItem(new Parameter().in("header").name(Versions.IF_NONE_MATCH).required(false)
					.schema(new StringSchema())
					.description("ETags of a copy you hold (or *): if the resource is still at one of them, the answer "
							+ "is 304 without a body. Compared weakly, so W/\"3\" matches \"3\". Decided after If-Match.")
					.example("\"3\""));
			if (operation.getResponses() == null) {
				operation.setResponses(new ApiResponses());
			}
			operation.getResponses().addApiResponse("304", new ApiResponse()
					.description("Not modified: If-None-Match names the current ETag (or is *); no body, the copy you "
							+ "hold is current")
					.addHeaderObject("ETag", new Header().description("The resource's current ETag, e.g. \"3\"")
							.schema(new StringSchema())));
			return operation;
		};
	}
}

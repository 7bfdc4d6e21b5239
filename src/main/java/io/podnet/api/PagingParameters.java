package io.podnet.api;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every list endpoint takes a {@link Paging} argument, made here from its query parameters limit
 * and continue, and documented here once for all of them.
 */
@Configuration(proxyBeanMethods = false)
class PagingParameters implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	static final String LIMIT = "limit";
	static final String CONTINUE = "continue";

	private final Limits limits;

	PagingParameters(Limits limits) {
		this.limits = limits;
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Paging.class);
	}

	@Override
	public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Paging.class;
	}

	@Override
	public Paging resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
			WebDataBinderFactory binders) {
		PageKeys keys = parameter.getParameterAnnotation(PageKeys.class);
		return limits.paging(limit(request.getParameter(LIMIT), parameter), request.getParameter(CONTINUE),
				keys == null ? 1 : keys.value());
	}

	/** The limit as a number; the request guard has let through only decimal digits, at most ten. */
	private static Integer limit(String text, MethodParameter parameter) {
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		} catch (NumberFormatException e) {
			throw new MethodArgumentTypeMismatchException(text, Integer.class, LIMIT, parameter, e);
		}
	}

	@Bean
	OperationCustomizer pagingDocumentation() {
		return (operation, handler) -> {
			if (Arrays.stream(handler.getMethodParameters()).anyMatch(this::supportsParameter)) {
				operation.addParametersItem(new Parameter().in("query").name(LIMIT).required(false)
						.schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(limits.maxPageSize()))
								._default(limits.defaultPageSize()))
						.description("Items per page: 1 to " + limits.maxPageSize() + ", default "
								+ limits.defaultPageSize() + " (podnet.limits.max-page-size and default-page-size)")
						.example(100));
				operation.addParametersItem(new Parameter().in("query").name(CONTINUE).required(false)
						.schema(new StringSchema())
						.description("metadata.continue of the previous page"));
			}
			return operation;
		};
	}
}

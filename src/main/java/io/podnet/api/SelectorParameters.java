package io.podnet.api;

import io.podnet.labels.LabelSelector;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every list of labelled resources takes a {@link LabelSelector} argument, parsed here from the
 * {@code labelSelector} query parameter and documented here once for all of them.
 */
@Configuration(proxyBeanMethods = false)
class SelectorParameters implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	static final String LABEL_SELECTOR = "labelSelector";

	SelectorParameters() {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(LabelSelector.class);
	}

	@Override
	public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == LabelSelector.class;
	}

	@Override
	public LabelSelector resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
			WebDataBinderFactory binders) {
		return LabelSelector.parse(LABEL_SELECTOR, request.getParameter(LABEL_SELECTOR));
	}

	@Bean
	OperationCustomizer labelSelectorDocumentation() {
		return (operation, handler) -> {
			if (Arrays.stream(handler.getMethodParameters()).anyMatch(this::supportsParameter)) {
				operation.addParametersItem(new Parameter().in("query").name(LABEL_SELECTOR).required(false)
						.schema(new StringSchema().maxLength(4096))
						.description("Only the items whose labels match, with Kubernetes' label selector syntax: "
								+ "requirements joined by ',' that must all hold: key=value, key==value, key!=value, "
								+ "key in (a,b), key notin (a,b), key (has the label), !key (has not), key>1, key<1 "
								+ "(integers). Combines with limit and continue. A syntax error is a 400 whose "
								+ "position member is the 0-based index where parsing stopped.")
						.example("env=prod,tier in (web,api),!canary"));
			}
			return operation;
		};
	}
}

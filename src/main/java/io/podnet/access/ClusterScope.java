package io.podnet.access;

import io.podnet.problem.ResourceNotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A token limited to some clusters sees no other: every endpoint under /clusters/{cluster} answers
 * a cluster outside its scope exactly as a cluster that does not exist (404), before the handler
 * runs, so a token never learns which other clusters exist nor changes them.
 */
@Configuration
class ClusterScope implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/v1/clusters/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("cluster") instanceof String cluster) {
			Caller.current().filter(token -> !token.sees(cluster)).ifPresent(token -> {
				throw new ResourceNotFound("cluster", cluster);
			});
		}
		return true;
	}
}

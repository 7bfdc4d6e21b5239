package io.podnet.watch;

import io.podnet.problem.InvalidQuery;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.method.HandlerMethod;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every watchable list takes a {@link Watches.Request} argument, read here from the query (watch,
 * resourceVersion, allowWatchBookmarks, timeoutSeconds) and the headers (Accept: text/event-stream
 * for Server-Sent Events, Last-Event-ID as EventSource resends it), and documented here once for
 * all of them. A value that is not what Kubernetes takes is a 400 naming it.
 */
@Configuration(proxyBeanMethods = false)
class WatchParameters implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	static final String WATCH = "watch";

	WatchParameters() {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Watches.Request.class);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	/** watch= on anything but a watchable list is a 400, not a plain GET that ignores it. */
	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				String watch = request.getParameter(WATCH);
				if (watch != null && handler instanceof HandlerMethod method
						&& Arrays.stream(method.getMethodParameters()).noneMatch(WatchParameters.this::supportsParameter)) {
					throw new InvalidQuery(WATCH, watch, -1, "is only for lists that can be watched: clusters, a "
							+ "cluster's nodes, pods (of a cluster or a namespace) and gateway routes; leave it out here");
				}
				return true;
			}
		}).addPathPatterns("/api/**");
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Watches.Request.class;
	}

	@Override
	public Watches.Request resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
			NativeWebRequest request, WebDataBinderFactory binders) {
		flag(request, WATCH);
		return new Watches.Request(request.getParameter("resourceVersion"), request.getHeader("Last-Event-ID"),
				flag(request, "allowWatchBookmarks"), timeout(request.getParameter("timeoutSeconds")),
				asksForServerSentEvents(request.getHeader("Accept")));
	}

	/**
	 * Whether the Accept header names text/event-stream. One that cannot be parsed names nothing here:
	 * Spring's content negotiation answers it 406 afterwards, as for any other endpoint.
	 */
	private static boolean asksForServerSentEvents(String accept) {
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept).stream()
					.anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
		} catch (InvalidMediaTypeException e) {
			return false;
		}
	}

	/** true, false or absent (null), as the list endpoints' boolean parameters are spelt. */
	private static Boolean flag(NativeWebRequest request, String name) {
		String text = request.getParameter(name);
		if (text == null) {
			return null;
		}
		return switch (text) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidQuery(name, text, -1, "is not a boolean; expected true or false");
		};
	}

	private static Integer timeout(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		} catch (NumberFormatException e) {
			throw new InvalidQuery("timeoutSeconds", text, -1, "is not a number of seconds; expected 1 to "
					+ Watches.MAX_TIMEOUT_SECONDS);
		}
	}

	@Bean
	OperationCustomizer watchDocumentation() {
		return (operation, handler) -> {
			if (Arrays.stream(handler.getMethodParameters()).anyMatch(this::supportsParameter)) {
				operation.addParametersItem(new Parameter().in("query").name(WATCH).required(false)
						.schema(new BooleanSchema())
						.description("true: instead of a list, a stream of the changes after resourceVersion, as "
								+ "Kubernetes watches: one JSON object per line (application/json;stream=watch), "
								+ "{\"type\":\"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR\",\"resourceVersion\":\"…\","
								+ "\"object\":{…}}, or Server-Sent Events with Accept: text/event-stream (each event's "
								+ "id its resourceVersion). The same selectors apply. A version older than the changes "
								+ "kept is 410: list again. An ERROR event ends a stream (410: fell behind, resume "
								+ "from the last resourceVersion; 401: token revoked; 404: cluster deleted)."));
				operation.addParametersItem(new Parameter().in("query").name("resourceVersion").required(false)
						.schema(new StringSchema())
						.description("With watch=true: stream the changes after this version (a list's "
								+ "metadata.resourceVersion or an event's resourceVersion); absent: from now. "
								+ "Opaque, as in Kubernetes: pass back what the service answered")
						.example("4711"));
				operation.addParametersItem(new Parameter().in("query").name("allowWatchBookmarks").required(false)
						.schema(new BooleanSchema())
						.description("With watch=true: a BOOKMARK event, carrying only the current resourceVersion, "
								+ "every podnet.watch.bookmark (30 s) so that an idle watcher resumes from a fresh one"));
				operation.addParametersItem(new Parameter().in("query").name("timeoutSeconds").required(false)
						.schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)
								.maximum(java.math.BigDecimal.valueOf(Watches.MAX_TIMEOUT_SECONDS)))
						.description("With watch=true: end the stream after this long (default 1800); the client "
								+ "then watches again from its last resourceVersion"));
			}
			return operation;
		};
	}
}

package io.podnet.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.podnet.api.DryRun;
import io.podnet.problem.Conflict;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts the writes refused because an address space is exhausted, by cluster and pool (the
 * exhausted answer's "pool": node-subnets, node-addresses, pod-addresses), where every such answer
 * passes: the problem+json writer. A dry run allocates nothing, so its refusal is not counted.
 */
@Component
class AllocationFailures {

	private final MeterRegistry registry;

	AllocationFailures(MeterRegistry registry) {
		this.registry = registry;
	}

	void count(Conflict conflict) {
		conflict.exhaustedPool().ifPresent(pool -> {
			if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
				return;
			}
			HttpServletRequest request = attributes.getRequest();
			if (DryRun.asked(request)) {
				return;
			}
			Counter.builder("podnet.allocation.failures")
					.description("writes refused because the pool had nothing left to hand out")
					.tag("cluster", cluster(request)).tag("pool", pool).register(registry).increment();
		});
	}

	/** The cluster of the request's path, as the controller's mapping named it. */
	private static String cluster(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables instanceof Map<?, ?> map && map.get("cluster") instanceof String name ? name : "";
	}
}

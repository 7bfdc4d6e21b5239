package io.podnet.routing;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** How many routes users have added to each cluster's gateway (the nodes' own routes not counted). */
@Component
public class UserRouteCounts {

	private final GatewayRouteRepository routes;

	UserRouteCounts(GatewayRouteRepository routes) {
		this.routes = routes;
	}

	/** By cluster id; a cluster without user routes is absent. */
	@Transactional(readOnly = true)
	public Map<Long, Long> perCluster() {
		return routes.countUserRoutesPerCluster().stream()
				.collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
	}
}

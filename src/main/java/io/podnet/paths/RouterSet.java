package io.podnet.paths;

import io.podnet.cluster.Cluster;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.Route;
import io.podnet.node.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's {@link Routers} at one routesVersion, one per address family, primary first: what
 * {@link RouterCache} keeps per cluster. Immutable, so safe across threads.
 */
final class RouterSet {

	private final List<Routers> families;

	RouterSet(Cluster cluster, List<Route> gatewayTable, List<Node> nodes) {
		int count = cluster.families().size();
		List<Routers> built = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			built.add(new Routers(cluster, i, gatewayTable, nodes));
		}
		this.families = List.copyOf(built);
	}

	Routers primary() {
		return families.get(0);
	}

	/** The routers of that family, if the cluster has it. */
	Optional<Routers> of(IpFamily family) {
		return families.stream().filter(routers -> routers.ipFamily() == family).findFirst();
	}

	List<IpFamily> ipFamilies() {
		return families.stream().map(Routers::ipFamily).toList();
	}

	long routesVersion() {
		return primary().routesVersion();
	}

	Instant createdAt() {
		return primary().createdAt();
	}

	boolean serves(Instant createdAt, long version) {
		return primary().serves(createdAt, version);
	}
}

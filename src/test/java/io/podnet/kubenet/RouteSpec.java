package io.podnet.kubenet;

import java.util.List;

/**
 * Routes written the way {@code ip route} prints them, for test tables: {@code 10.244.0.0/24 dev
 * cbr0}, {@code default via 10.100.0.1 dev eth0}, {@code blackhole 10.244.200.0/24},
 * {@code 0.0.0.0/0 external}. A via route without {@code dev} leaves by eth0.
 */
public final class RouteSpec {

	private RouteSpec() {
	}

	public static Route parse(Family family, String spec) {
		List<String> words = List.of(spec.trim().split("\\s+"));
		if (words.get(0).equals("blackhole")) {
			return Route.blackhole(network(family, words.get(1)));
		}
		String destination = words.get(0);
		String device = words.contains("dev") ? words.get(words.indexOf("dev") + 1) : null;
		if (words.contains("external")) {
			return Route.external(network(family, destination), device);
		}
		if (words.contains("via")) {
			return Route.via(network(family, destination), family.address(words.get(words.indexOf("via") + 1)),
					device == null ? "eth0" : device);
		}
		return Route.connected(network(family, destination), device);
	}

	private static inet.ipaddr.IPAddress network(Family family, String destination) {
		return family.address(destination.equals("default") ? "0.0.0.0/0" : destination);
	}
}

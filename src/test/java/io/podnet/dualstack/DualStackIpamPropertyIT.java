package io.podnet.dualstack;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.SeededCases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * IPAM per family, against a model: random node creates (allocated, or asking for a subnet of either
 * family or both) and deletes on a small dual-stack cluster, so the pools wrap and run out. After
 * every step the nodes hold exactly the subnets and addresses the model expects: next-fit per family
 * with its own cursor, no subnet or address twice in either family, and a refused create moving no
 * cursor of either family (one family exhausted leaves the other's cursor where it was).
 */
class DualStackIpamPropertyIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";
	private static final int SUBNETS = 8;
	private static final int STEPS = 60;

	/** One family's pool of positions 0..size-1, next-fit from the cursor as the service's allocator is. */
	private static final class Pool {

		final int size;
		final TreeSet<Integer> taken = new TreeSet<>();
		Integer cursor;

		Pool(int size) {
			this.size = size;
		}

		Optional<Integer> nextFit() {
			int start = cursor == null ? 0 : (cursor + 1) % size;
			for (int i = 0; i < size; i++) {
				int candidate = (start + i) % size;
				if (!taken.contains(candidate)) {
					return Optional.of(candidate);
				}
			}
			return Optional.empty();
		}
	}

	private record Held(int v4Subnet, int v6Subnet, int v4Address, int v6Address) {
	}

	@Test
	void eachFamilyAllocatesNextFitWithItsOwnCursorAndNothingTwice() {
		Random random = SeededCases.random("DualStackIpamPropertyIT");
		assertThat(api.post("/api/v1/clusters", json("{'name':'demo','podNetworks':['10.244.0.0/21','fd00:10:244::/61'],"
				+ "'nodeNetworks':['10.100.0.0/28','fd00:10:100::/124']}")).status()).isEqualTo(201);
		Pool v4 = new Pool(SUBNETS);
		Pool v6 = new Pool(SUBNETS);
		// node addresses: 10.100.0.2-.14 and fd00:10:100::2-::f (the gateways hold .1 and ::1)
		Pool v4Addresses = new Pool(13);
		Pool v6Addresses = new Pool(14);
		Map<String, Held> nodes = new HashMap<>();
		List<String> log = new ArrayList<>();
		for (int step = 0; step < STEPS; step++) {
			String name = "node-" + step;
			int action = random.nextInt(10);
			if (action < 3 && !nodes.isEmpty()) {
				String victim = new ArrayList<>(new TreeSet<>(nodes.keySet())).get(random.nextInt(nodes.size()));
				log.add("delete " + victim);
				assertThat(api.delete(DEMO + "/nodes/" + victim).status()).as(String.join("; ", log)).isEqualTo(204);
				Held held = nodes.remove(victim);
				v4.taken.remove(held.v4Subnet());
				v6.taken.remove(held.v6Subnet());
				v4Addresses.taken.remove(held.v4Address());
				v6Addresses.taken.remove(held.v6Address());
			} else {
				Integer askV4 = action >= 7 ? random.nextInt(SUBNETS) : null;
				Integer askV6 = action == 6 || action == 9 ? random.nextInt(SUBNETS) : null;
				log.add("create " + name + " v4=" + askV4 + " v6=" + askV6);
				create(name, askV4, askV6, v4, v6, v4Addresses, v6Addresses, nodes, log);
			}
			assertHeld(nodes, log);
		}
	}

	private void create(String name, Integer askV4, Integer askV6, Pool v4, Pool v6, Pool v4Addresses,
			Pool v6Addresses, Map<String, Held> nodes, List<String> log) {
		List<String> subnets = new ArrayList<>();
		if (askV4 != null) {
			subnets.add(v4Subnet(askV4));
		}
		if (askV6 != null) {
			subnets.add(v6Subnet(askV6));
		}
		Reply reply = api.post(DEMO + "/nodes", json("{'name':'" + name + "'" + (subnets.isEmpty() ? ""
				: ",'podSubnets':['" + String.join("','", subnets) + "']") + "}"));
		Optional<Integer> v4Subnet = askV4 != null ? free(v4, askV4) : v4.nextFit();
		Optional<Integer> v6Subnet = askV6 != null ? free(v6, askV6) : v6.nextFit();
		String context = String.join("; ", log) + " -> " + reply;
		if (v4Subnet.isEmpty() || v6Subnet.isEmpty()) {
			assertThat(reply.status()).as(context).isEqualTo(409);
			return;
		}
		assertThat(reply.status()).as(context).isEqualTo(201);
		int v4Address = v4Addresses.nextFit().orElseThrow();
		int v6Address = v6Addresses.nextFit().orElseThrow();
		take(v4, v4Subnet.get(), askV4 == null);
		take(v6, v6Subnet.get(), askV6 == null);
		take(v4Addresses, v4Address, true);
		take(v6Addresses, v6Address, true);
		nodes.put(name, new Held(v4Subnet.get(), v6Subnet.get(), v4Address, v6Address));
		assertThat(texts(reply.json().path("podSubnets"))).as(context)
				.containsExactly(v4Subnet(v4Subnet.get()), v6Subnet(v6Subnet.get()));
	}

	private static Optional<Integer> free(Pool pool, int asked) {
		return pool.taken.contains(asked) ? Optional.empty() : Optional.of(asked);
	}

	/** Only automatic allocations move the cursor, as in Kubernetes' cidrset. */
	private static void take(Pool pool, int position, boolean automatic) {
		pool.taken.add(position);
		if (automatic) {
			pool.cursor = position;
		}
	}

	private void assertHeld(Map<String, Held> expected, List<String> log) {
		Map<String, String> actual = new HashMap<>();
		for (JsonNode node : api.get(DEMO + "/nodes").json().path("items")) {
			actual.put(node.path("name").asString(), String.join(" ", texts(node.path("podSubnets"))) + " "
					+ String.join(" ", texts(node.path("addresses"))));
		}
		Map<String, String> wanted = new HashMap<>();
		expected.forEach((name, held) -> wanted.put(name, v4Subnet(held.v4Subnet()) + " " + v6Subnet(held.v6Subnet())
				+ " 10.100.0." + (held.v4Address() + 2) + " fd00:10:100::" + Integer.toHexString(held.v6Address() + 2)));
		assertThat(actual).as(String.join("; ", log)).isEqualTo(wanted);
		assertThat(actual.values().stream().flatMap(v -> List.of(v.split(" ")).stream()).distinct().count())
				.as("no subnet or address twice").isEqualTo(4L * actual.size());
	}

	private static String v4Subnet(int position) {
		return "10.244." + position + ".0/24";
	}

	private static String v6Subnet(int position) {
		return position == 0 ? "fd00:10:244::/64" : "fd00:10:244:" + position + "::/64";
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(value -> texts.add(value.asString()));
		return texts;
	}
}

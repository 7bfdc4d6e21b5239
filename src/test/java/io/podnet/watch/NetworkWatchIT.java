package io.podnet.watch;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.SeededCases;
import io.podnet.support.Watching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Watching the rest of the network: clusters, nodes and the gateway's routes, and how one write
 * shows in each (a pod create is a pod event and its node's; a node create is a node, a route and
 * a cluster event), always ending at what the lists show.
 */
class NetworkWatchIT extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private String base;

	@BeforeEach
	void cluster() {
		base = "http://localhost:" + port;
		created(api.post("/api/v1/clusters", json("{'name':'w','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
		for (String node : new String[] { "n1", "n2" }) {
			created(api.post("/api/v1/clusters/w/nodes", json("{'name':'" + node + "'}")));
		}
	}

	@Test
	void aPodWriteIsAnEventOfThePodThenOneOfItsNodeThatShowsWhatAGetShows() throws Exception {
		String version = api.get("/api/v1/clusters/w/nodes").json().path("metadata").path("resourceVersion").asString();
		try (Watching pods = watch("/api/v1/clusters/w/pods?watch=true&resourceVersion=" + version);
				Watching nodes = watch("/api/v1/clusters/w/nodes?watch=true&resourceVersion=" + version)) {
			created(createPod("p", "n1"));
			JsonNode added = pods.event(PATIENCE);
			JsonNode modified = nodes.event(PATIENCE);
			assertThat(added.path("type").asString() + " " + added.path("object").path("name").asString()).isEqualTo("ADDED p");
			assertThat(modified.path("type").asString() + " " + modified.path("object").path("name").asString())
					.isEqualTo("MODIFIED n1");
			assertThat(revision(modified)).as("the node's event right after the pod's").isEqualTo(revision(added) + 1);
			JsonNode n1 = api.get("/api/v1/clusters/w/nodes/n1").json();
			assertThat(modified.path("object")).as("the node in the event is the node a GET answers").isEqualTo(n1);
			assertThat(n1.path("pods").path("allocated").asInt()).isEqualTo(1);

			assertThat(api.delete("/api/v1/clusters/w/namespaces/default/pods/p").status()).isEqualTo(204);
			JsonNode deleted = pods.event(PATIENCE);
			JsonNode freed = nodes.event(PATIENCE);
			assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
			assertThat(revision(freed)).isEqualTo(revision(deleted) + 1);
			assertThat(freed.path("object")).isEqualTo(api.get("/api/v1/clusters/w/nodes/n1").json());
			assertThat(freed.path("object").path("pods").path("allocated").asInt()).isZero();

			// a lower pod limit changes every node's capacity, and so every node
			assertThat(api.send("PATCH", "/api/v1/clusters/w", "application/merge-patch+json",
					json("{'maxPodsPerNode':50}")).status()).isEqualTo(200);
			for (String name : new String[] { "n1", "n2" }) {
				JsonNode limited = nodes.event(PATIENCE);
				assertThat(limited.path("type").asString() + " " + limited.path("object").path("name").asString())
						.isEqualTo("MODIFIED " + name);
				assertThat(limited.path("object")).isEqualTo(api.get("/api/v1/clusters/w/nodes/" + name).json());
				assertThat(limited.path("object").path("pods").path("capacity").asInt()).isEqualTo(50);
			}
		}
	}

	@Test
	void aNodeCreateIsANodeARouteAndAClusterEventInCommitOrder() throws Exception {
		Reply table = api.get("/api/v1/clusters/w/routes");
		String version = table.header("Resource-Version");
		assertThat(version).as("the route table's resourceVersion header").matches("[0-9]+");
		try (Watching nodes = watch("/api/v1/clusters/w/nodes?watch=true&resourceVersion=" + version);
				Watching routes = watch("/api/v1/clusters/w/routes?watch=true&resourceVersion=" + version);
				Watching clusters = watch("/api/v1/clusters?watch=true&resourceVersion=" + version)) {
			created(api.post("/api/v1/clusters/w/nodes", json("{'name':'n3'}")));
			JsonNode node = nodes.event(PATIENCE);
			JsonNode route = routes.event(PATIENCE);
			JsonNode cluster = clusters.event(PATIENCE);
			assertThat(node.path("type").asString() + " " + node.path("object").path("name").asString()).isEqualTo("ADDED n3");
			assertThat(route.path("type").asString()).isEqualTo("ADDED");
			assertThat(route.path("object").path("node").asString()).isEqualTo("n3");
			assertThat(route.path("object").path("destination").asString())
					.isEqualTo(node.path("object").path("podSubnet").asString());
			assertThat(cluster.path("type").asString()).isEqualTo("MODIFIED");
			assertThat(revision(route)).isEqualTo(revision(node) + 1);
			assertThat(revision(cluster)).isEqualTo(revision(route) + 1);
			assertThat(cluster.path("object")).as("the cluster in the event is what a GET answers")
					.isEqualTo(api.get("/api/v1/clusters/w").json());
			assertThat(cluster.path("object").path("nodeSubnets").path("allocated").asInt()).isEqualTo(3);

			created(api.post("/api/v1/clusters/w/routes", json("{'destination':'192.168.0.0/16','type':'BLACKHOLE'}")));
			JsonNode userRoute = routes.event(PATIENCE);
			assertThat(userRoute.path("type").asString() + " " + userRoute.path("object").path("type").asString())
					.isEqualTo("ADDED BLACKHOLE");
			assertThat(clusters.event(PATIENCE).path("object")).isEqualTo(api.get("/api/v1/clusters/w").json());

			assertThat(api.delete("/api/v1/clusters/w/nodes/n3").status()).isEqualTo(204);
			JsonNode gone = routes.event(PATIENCE);
			assertThat(gone.path("type").asString() + " " + gone.path("object").path("node").asString()).isEqualTo("DELETED n3");
			assertThat(nodes.event(PATIENCE).path("type").asString()).isEqualTo("DELETED");
			JsonNode shrunk = clusters.event(PATIENCE);
			assertThat(shrunk.path("object")).isEqualTo(api.get("/api/v1/clusters/w").json());
			assertThat(shrunk.path("object").path("nodeSubnets").path("allocated").asInt()).isEqualTo(2);
		}
	}

	@Test
	void listThenWatchOfNodesRoutesAndClustersEndsAtTheFinalLists() throws Exception {
		Random random = SeededCases.random("NetworkWatchIT");
		Map<String, JsonNode> nodeState = new TreeMap<>();
		JsonNode nodeList = api.get("/api/v1/clusters/w/nodes").json();
		nodeList.path("items").forEach(node -> nodeState.put(node.path("name").asString(), node));
		Reply table = api.get("/api/v1/clusters/w/routes");
		Map<String, JsonNode> routeState = storedRoutes(table.json());
		JsonNode clusterList = api.get("/api/v1/clusters").json();
		Map<String, JsonNode> clusterState = new TreeMap<>();
		clusterList.path("items").forEach(cluster -> clusterState.put(cluster.path("name").asString(), cluster));

		// bookmarks tell the replay when the stream has passed the final lists' version
		try (Watching nodes = watch("/api/v1/clusters/w/nodes?watch=true&allowWatchBookmarks=true&resourceVersion="
				+ nodeList.path("metadata").path("resourceVersion").asString());
				Watching routes = watch("/api/v1/clusters/w/routes?watch=true&allowWatchBookmarks=true&resourceVersion="
						+ table.header("Resource-Version"));
				Watching clusters = watch("/api/v1/clusters?watch=true&allowWatchBookmarks=true&resourceVersion="
						+ clusterList.path("metadata").path("resourceVersion").asString())) {
			ExecutorService writers = Executors.newFixedThreadPool(3);
			List<Future<?>> writes = new ArrayList<>();
			for (int w = 0; w < 3; w++) {
				int writer = w;
				long seed = random.nextLong();
				writes.add(writers.submit(() -> {
					Random mine = new Random(seed);
					for (int i = 0; i < 8; i++) {
						String node = "w" + writer + "-" + i;
						created(api.post("/api/v1/clusters/w/nodes", json("{'name':'" + node + "','labels':{'w':'" + writer + "'}}")));
						created(createPod("pod-" + node, node));
						switch (mine.nextInt(4)) {
							case 0 -> assertThat(api.delete("/api/v1/clusters/w/nodes/" + node + "?cascade=true").status())
									.isEqualTo(204);
							case 1 -> assertThat(api.send("PATCH", "/api/v1/clusters/w/nodes/" + node,
									"application/merge-patch+json", json("{'labels':{'step':'" + i + "'}}")).status())
									.isEqualTo(200);
							case 2 -> {
								String destination = "172." + (16 + writer) + "." + i + ".0/24";
								created(api.post("/api/v1/clusters/w/routes", json("{'destination':'" + destination
										+ "','type':'EXTERNAL'}")));
								if (mine.nextBoolean()) {
									assertThat(api.delete("/api/v1/clusters/w/routes/" + destination.replace("/", "%2F"))
											.status()).isEqualTo(204);
								}
							}
							default -> assertThat(api.delete("/api/v1/clusters/w/namespaces/default/pods/pod-" + node)
									.status()).isEqualTo(204);
						}
					}
					return null;
				}));
			}
			for (Future<?> write : writes) {
				write.get();
			}
			writers.shutdown();
			Map<String, JsonNode> finalNodes = new TreeMap<>();
			JsonNode finalNodeList = api.get("/api/v1/clusters/w/nodes?limit=500").json();
			finalNodeList.path("items").forEach(node -> finalNodes.put(node.path("name").asString(), node));
			Reply finalTable = api.get("/api/v1/clusters/w/routes");
			Map<String, JsonNode> finalRoutes = storedRoutes(finalTable.json());
			Map<String, JsonNode> finalClusters = new TreeMap<>();
			JsonNode finalClusterList = api.get("/api/v1/clusters").json();
			finalClusterList.path("items").forEach(cluster -> finalClusters.put(cluster.path("name").asString(), cluster));

			replay(nodes, nodeState, finalNodes, version(finalNodeList), event -> event.path("name").asString());
			replay(routes, routeState, finalRoutes, Long.parseLong(finalTable.header("Resource-Version")),
					event -> event.path("destination").asString());
			replay(clusters, clusterState, finalClusters, version(finalClusterList), event -> event.path("name").asString());
		}
	}

	@Test
	void aClusterWatchShowsOnlyTheClustersOfTheTokensScope() throws Exception {
		String viewer = api.post("/api/v1/tokens", json("{'name':'w-only','role':'viewer','clusters':['w']}")).text("secret");
		try (Watching scoped = Watching.open(base, "/api/v1/clusters?watch=true", viewer);
				Watching everything = watch("/api/v1/clusters?watch=true&labelSelector=env%3Dprod")) {
			assertThat(scoped.status()).isEqualTo(200);
			created(api.post("/api/v1/clusters", json("{'name':'x','labels':{'env':'prod'},'nodeNetwork':'10.1.0.0/24',"
					+ "'podNetwork':'10.2.0.0/16'}")));
			assertThat(api.send("PATCH", "/api/v1/clusters/w", "application/merge-patch+json",
					json("{'labels':{'env':'prod'}}")).status()).isEqualTo(200);
			JsonNode first = everything.event(PATIENCE);
			JsonNode second = everything.event(PATIENCE);
			assertThat(first.path("type").asString() + " " + first.path("object").path("name").asString()).isEqualTo("ADDED x");
			assertThat(second.path("type").asString() + " " + second.path("object").path("name").asString())
					.isEqualTo("MODIFIED w");
			JsonNode only = scoped.event(PATIENCE);
			assertThat(only.path("type").asString() + " " + only.path("object").path("name").asString())
					.as("the token's scope hides cluster x").isEqualTo("MODIFIED w");
			assertThat(api.delete("/api/v1/clusters/x").status()).isEqualTo(204);
			assertThat(everything.event(PATIENCE).path("type").asString()).isEqualTo("DELETED");
			assertThat(scoped.event(Duration.ofSeconds(2))).as("nor its deletion").isNull();
		}
	}

	@Test
	void aWatcherOfOneNodeIsNotClosedByTheChangesOfOthers() throws Exception {
		// the tests' buffer holds 64 events: 100 pods elsewhere (and their node's 100 changes) would overflow a
		// watcher that queued them all
		try (Watching agent = watch("/api/v1/clusters/w/pods?watch=true&allowWatchBookmarks=true"
				+ "&fieldSelector=spec.nodeName%3Dn2")) {
			for (int i = 0; i < 100; i++) {
				created(createPod("elsewhere-" + i, "n1"));
			}
			created(createPod("mine", "n2"));
			JsonNode event;
			do {
				event = agent.event(PATIENCE);
				assertThat(event).isNotNull();
				assertThat(event.path("type").asString()).as(event.toString()).isIn("BOOKMARK", "ADDED");
			} while (event.path("type").asString().equals("BOOKMARK"));
			assertThat(event.path("object").path("name").asString()).isEqualTo("mine");
			long mine = revision(event);
			// the next bookmark carries the latest revision, past the changes this watch skipped
			created(createPod("later-elsewhere", "n1"));
			long latest = revision(api.get("/api/v1/clusters/w/pods?limit=1").json().path("metadata"));
			JsonNode bookmark;
			do {
				bookmark = agent.event(PATIENCE);
				assertThat(bookmark.path("type").asString()).isEqualTo("BOOKMARK");
			} while (revision(bookmark) < latest);
			assertThat(revision(bookmark)).isGreaterThan(mine);

			String metrics = api.get("/actuator/prometheus").body();
			assertThat(metrics).containsPattern("podnet_watch_connections(\\{[^}]*\\})? [1-9]");
			assertThat(metrics).containsPattern("podnet_watch_events_sent_total\\{[^}]*kind=\"pod\"[^}]*\\} [1-9]");
		}
	}

	private static long version(JsonNode list) {
		return Long.parseLong(list.path("metadata").path("resourceVersion").asString());
	}

	/**
	 * Applies the stream's events to the listed state until the stream has passed the final list's
	 * version (an event or a bookmark at or after it) and the state is that list, or the patience
	 * runs out. Stopping at the first moment the state equals the final list would stop too early
	 * when a change and its undoing are still on their way.
	 */
	private static void replay(Watching watch, Map<String, JsonNode> state, Map<String, JsonNode> expected,
			long finalVersion, Function<JsonNode, String> key) throws InterruptedException {
		long last = 0;
		long passed = 0;
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while ((passed < finalVersion || !state.equals(expected)) && System.nanoTime() < deadline) {
			JsonNode event = watch.event(Duration.ofSeconds(1));
			if (event == null) {
				continue;
			}
			String type = event.path("type").asString();
			assertThat(type).as(event.toString()).isIn("ADDED", "MODIFIED", "DELETED", "BOOKMARK");
			passed = Math.max(passed, revision(event));
			if (type.equals("BOOKMARK")) {
				continue;
			}
			assertThat(revision(event)).as("each event once, in order").isGreaterThan(last);
			last = revision(event);
			JsonNode object = event.path("object");
			JsonNode before = type.equals("DELETED") ? state.remove(key.apply(object)) : state.put(key.apply(object), object);
			// an ADDED of what the list already showed would be a change counted twice
			assertThat(before).as("%s of %s the state %s", type, key.apply(object),
					type.equals("ADDED") ? "did not hold yet" : "held").matches(b -> type.equals("ADDED") == (b == null));
		}
		assertThat(state).as("the list with every event applied").isEqualTo(expected);
		JsonNode after = watch.event(Duration.ofMillis(300));
		if (after != null) {
			assertThat(after.path("type").asString()).as("nothing after the last change: " + after).isEqualTo("BOOKMARK");
		}
	}

	/** The gateway's stored routes (those with a version), by destination. */
	private static Map<String, JsonNode> storedRoutes(JsonNode table) {
		Map<String, JsonNode> routes = new TreeMap<>();
		table.forEach(route -> {
			if (route.hasNonNull("resourceVersion")) {
				routes.put(route.path("destination").asString(), route);
			}
		});
		return routes;
	}

	private Watching watch(String path) {
		Watching watching = Watching.open(base, path, Api.ADMIN_TOKEN);
		assertThat(watching.status()).as(path).isEqualTo(200);
		return watching;
	}

	private static long revision(JsonNode eventOrMetadata) {
		return Long.parseLong(eventOrMetadata.path("resourceVersion").asString());
	}

	private Reply createPod(String name, String node) {
		return api.post("/api/v1/clusters/w/namespaces/default/pods", json("{'name':'" + name + "','nodeName':'" + node
				+ "','containers':[{'name':'c','image':'nginx'}]}"));
	}

	private static void created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
	}
}

package io.podnet.export;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.export.Probes.Ping;
import io.podnet.export.Probes.Traceroute;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The proof against the Linux kernel. Builds a cluster through the API (three nodes with pods, a
 * pod deleted and re-created, a blackhole, a looping static route and an external route, each of
 * these in every family of the cluster), replays
 * the exported whole-cluster script in network namespaces on this machine, then asks the kernel
 * and the path resolver the same questions: every ordered pair of pods, and from every pod the
 * blackhole, the loop, the external route, an address no route covers and the deleted pod's old
 * IP, now unassigned. They must agree: ping answers exactly when the resolver says ACCEPTED, with
 * the TTL the resolver gives; traceroute shows the routers the resolver routes through. A dual-stack
 * cluster asks every question in both families: a pod-to-pod path in its primary family by default
 * and in the other with {@code family=}, as a client would ask.
 *
 * <p>Comparing routers: traceroute prints a router when it answers a probe with "time exceeded",
 * which Linux does whenever a packet reaches a forwarding decision with TTL 1 - at every ROUTED hop,
 * and also at a hop that goes on to stop the packet after that check: a neighbour nobody owns, an
 * external route, the next round of a loop. A blackhole drops before the check (traceroute shows
 * "*") and a missing route answers "network unreachable" (traceroute's "!N") instead. For a loop
 * the resolver stops at the first repeated hop; traceroute goes on round the loop until its
 * maximum, so the resolver's routers must begin its list.
 *
 * <p>Skipped, with the reason, where namespaces cannot be made (not root, tools missing); where it
 * really ran it appends a line to target/kernel-replay-ran, which CI requires. Every namespace is
 * named with a random per-run prefix and removed afterwards, also on failure. Traffic stays inside
 * the replay's namespaces, none of which is connected to the host's.
 */
class KernelReplayIT extends IntegrationTest {

	/** Written only when the replay really ran; CI fails without it. */
	static final Path MARKER = Path.of("target", "kernel-replay-ran");

	private static final int MAX_HOPS = 10;
	private static final int PARALLEL_PROBES = 8;
	private static final Set<String> STOPS_AFTER_TTL_CHECK = Set.of("NEIGHBOR_UNREACHABLE", "EXITS_NETWORK", "LOOP");

	/** One address family of a cluster: its networks and the user routes' destinations and targets in them. */
	record Plan(String family, String nodeNetwork, String podNetwork, String blackhole, String blackholeTarget,
			String loop, String loopTarget, String external, String externalTarget, String noRouteTarget) {

		boolean ipv6() {
			return family.equals("IPv6");
		}
	}

	static final Plan IPV4 = new Plan("IPv4", "10.100.0.0/24", "10.244.0.0/16",
			"10.244.100.0/24", "10.244.100.7", "10.244.200.0/24", "10.244.200.7", "198.51.100.0/24", "198.51.100.7",
			"192.0.2.7");
	static final Plan IPV6 = new Plan("IPv6", "fd00:10:100::/64", "fd00:10:244::/56",
			"fd00:10:244:64::/64", "fd00:10:244:64::7", "fd00:10:244:c8::/64", "fd00:10:244:c8::7",
			"2001:db8:ff::/48", "2001:db8:ff::7", "2001:db8:1::7");

	/**
	 * A cluster to replay: its name, what CI's record calls the run ("h2 dual-stack: ..."), and its
	 * families, primary first.
	 */
	record Replay(String cluster, String label, List<Plan> families) {

		boolean dualStack() {
			return families.size() > 1;
		}
	}

	static final Replay IPV4_CLUSTER = new Replay("replay4", "IPv4", List.of(IPV4));
	static final Replay IPV6_CLUSTER = new Replay("replay6", "IPv6", List.of(IPV6));
	static final Replay DUAL_STACK_CLUSTER = new Replay("replay46", "dual-stack", List.of(IPV4, IPV6));

	/** A pod and its IPs, one per family of its cluster, primary first (status.podIPs). */
	record PodAt(String namespace, String name, String node, List<String> ips) {
		String qualifiedName() {
			return namespace + "/" + name;
		}
	}

	/**
	 * A question put to both: from a pod's namespace to an address of one family; to a pod, the
	 * resolver is asked by the pod's name (and the family, when it is not the primary one).
	 */
	record Flow(PodAt source, Plan family, boolean primary, String destination, String target, PodAt pod) {
		@Override
		public String toString() {
			return source.qualifiedName() + " -> " + target + " " + destination;
		}
	}

	record Outcome(Flow flow, JsonNode path, Ping ping, Traceroute traceroute) {
	}

	private static Optional<String> unavailable;

	@BeforeAll
	static void askTheKernel() {
		unavailable = Kernel.whyUnavailable("pn" + hex4() + "-probe");
		unavailable.ifPresent(reason -> System.out.println("KernelReplayIT skipped: " + reason));
	}

	/** Per test rather than per class, so that the reports count the skipped tests. */
	@BeforeEach
	void kernelCanReplay() {
		Assumptions.assumeTrue(unavailable.isEmpty(), () -> "kernel replay skipped: " + unavailable.orElse(""));
	}

	@Test
	void ipv4ClusterBehavesInTheKernelAsTheResolverSays() throws Exception {
		replay(IPV4_CLUSTER);
	}

	@Test
	void ipv6ClusterBehavesInTheKernelAsTheResolverSays() throws Exception {
		replay(IPV6_CLUSTER);
	}

	@Test
	void dualStackClusterBehavesInTheKernelAsTheResolverSaysInBothFamilies() throws Exception {
		replay(DUAL_STACK_CLUSTER);
	}

	private void replay(Replay plan) throws Exception {
		long started = System.nanoTime();
		String prefix = "pn" + hex4() + "-";
		Map<String, PodAt> pods = new LinkedHashMap<>();
		List<String> unassigned = buildCluster(plan, pods);
		Reply exported = api.get("/api/v1/clusters/" + plan.cluster() + "/ip-config");
		assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
		assertThat(exported.contentType()).startsWith("text/plain");
		Path script = Files.createTempFile("podnet-replay-", ".sh");
		Files.writeString(script, exported.body());
		Thread onKill = new Thread(() -> tearDown(script, prefix));
		Runtime.getRuntime().addShutdownHook(onKill);
		try {
			List<String> hostBefore = Kernel.hostInterfaces();
			List<String> namespacesBefore = Kernel.namespaces();
			Kernel.Result up = Kernel.run(Duration.ofSeconds(120), Map.of(NamespaceReplay.PREFIX_VARIABLE, prefix),
					List.of("sh", script.toString(), "up"));
			assertThat(up.ok()).as("the replay script builds the cluster:\n" + up.output()).isTrue();
			assertThat(Kernel.hostInterfaces()).as("nothing joins the host's namespace").isEqualTo(hostBefore);
			List<String> added = Kernel.namespaces().stream().filter(name -> !namespacesBefore.contains(name)).toList();
			assertThat(added).as("a namespace per pod and node, the gateway's and the node network's, all prefixed")
					.hasSize(2 + 3 + pods.size()).allMatch(name -> name.startsWith(prefix));

			List<Flow> flows = flows(plan, pods.values(), unassigned);
			List<Outcome> outcomes = probe(plan, prefix, flows);
			long elapsed = (System.nanoTime() - started) / 1_000_000;
			outcomes.forEach(outcome -> System.out.println(plan.label() + " " + outcome.flow().family().family() + " "
					+ describe(outcome)));
			int pairs = pods.size() * (pods.size() - 1) * plan.families().size();
			String summary = TestDatabase.kind() + " " + plan.label() + ": " + pairs + " pod pairs and "
					+ (flows.size() - pairs) + " other flows compared in " + elapsed + " ms";
			System.out.println("KernelReplayIT " + summary);
			Files.createDirectories(MARKER.getParent());
			Files.writeString(MARKER, summary + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);

			SoftAssertions softly = new SoftAssertions();
			outcomes.forEach(outcome -> compare(outcome, softly));
			softly.assertAll();
		} finally {
			tearDown(script, prefix);
			Runtime.getRuntime().removeShutdownHook(onKill);
			Files.deleteIfExists(script);
		}
		assertThat(Kernel.namespaces()).as("the teardown leaves nothing behind")
				.noneMatch(name -> name.startsWith(prefix));
	}

	/**
	 * Three nodes with pods; default/cache deleted and created again on node-1, so it gets the next
	 * address and a new veth, and its old address is left unassigned. Returns that address, one per
	 * family.
	 */
	private List<String> buildCluster(Replay plan, Map<String, PodAt> pods) {
		String clusters = "/api/v1/clusters";
		Reply cluster = api.post(clusters, json(clusterRequest(plan)));
		assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
		String base = clusters + "/" + plan.cluster();
		Map<String, List<String>> nodeAddresses = new LinkedHashMap<>();
		for (String node : List.of("node-1", "node-2", "node-3")) {
			Reply created = api.post(base + "/nodes", json("{'name':'" + node + "'}"));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			nodeAddresses.put(node, texts(created.json().path("addresses")));
		}
		String[][] layout = { { "default", "web", "node-1" }, { "default", "api", "node-1" },
				{ "default", "cache", "node-1" }, { "shop", "db", "node-2" }, { "shop", "worker", "node-2" },
				{ "default", "queue", "node-2" }, { "default", "search", "node-3" }, { "shop", "mail", "node-3" } };
		for (String[] pod : layout) {
			pods.put(pod[0] + "/" + pod[1], createPod(base, pod[0], pod[1], pod[2]));
		}
		List<String> oldCacheIps = pods.get("default/cache").ips();
		assertThat(api.delete(base + "/namespaces/default/pods/cache").status()).isEqualTo(204);
		PodAt cache = createPod(base, "default", "cache", "node-1");
		for (int i = 0; i < oldCacheIps.size(); i++) {
			assertThat(cache.ips().get(i)).as("a re-created pod gets the next address, next-fit, in every family")
					.isNotEqualTo(oldCacheIps.get(i));
		}
		pods.put("default/cache", cache);
		for (int i = 0; i < plan.families().size(); i++) {
			Plan family = plan.families().get(i);
			route(base, "{'destination':'" + family.blackhole() + "','type':'BLACKHOLE'}");
			// node-1 does not own the destination and sends it back to the gateway: a loop until the TTL runs out
			route(base, "{'destination':'" + family.loop() + "','nextHop':'" + nodeAddresses.get("node-1").get(i) + "'}");
			route(base, "{'destination':'" + family.external() + "','type':'EXTERNAL'}");
		}
		return oldCacheIps;
	}

	/** The single-stack form for one family (as clients have always sent it), the lists for two. */
	private static String clusterRequest(Replay plan) {
		if (!plan.dualStack()) {
			Plan family = plan.families().get(0);
			return "{'name':'" + plan.cluster() + "','nodeNetwork':'" + family.nodeNetwork() + "','podNetwork':'"
					+ family.podNetwork() + "'}";
		}
		return "{'name':'" + plan.cluster() + "','nodeNetworks':" + quotedList(plan, Plan::nodeNetwork)
				+ ",'podNetworks':" + quotedList(plan, Plan::podNetwork) + "}";
	}

	private static String quotedList(Replay plan, Function<Plan, String> value) {
		return plan.families().stream().map(family -> "'" + value.apply(family) + "'")
				.collect(Collectors.joining(",", "[", "]"));
	}

	private PodAt createPod(String base, String namespace, String name, String node) {
		Reply created = api.post(base + "/namespaces/" + namespace + "/pods", json("{'name':'" + name + "','nodeName':'"
				+ node + "','containers':[{'name':'app','image':'busybox'}]}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new PodAt(namespace, name, node, texts(created.json().path("ips")));
	}

	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

	private void route(String base, String body) {
		Reply created = api.post(base + "/routes", json(body));
		assertThat(created.status()).as(body + ": " + created).isEqualTo(201);
	}

	/** Every pod pair and every pod to each special target, in each family of the cluster. */
	private static List<Flow> flows(Replay plan, Iterable<PodAt> pods, List<String> unassigned) {
		List<Flow> flows = new ArrayList<>();
		for (int i = 0; i < plan.families().size(); i++) {
			Plan family = plan.families().get(i);
			boolean primary = i == 0;
			for (PodAt from : pods) {
				for (PodAt to : pods) {
					if (from != to) {
						flows.add(new Flow(from, family, primary, to.ips().get(i), "pod " + to.qualifiedName(), to));
					}
				}
			}
			for (PodAt from : pods) {
				flows.add(new Flow(from, family, primary, family.blackholeTarget(), "blackhole", null));
				flows.add(new Flow(from, family, primary, family.loopTarget(), "loop", null));
				flows.add(new Flow(from, family, primary, family.externalTarget(), "external", null));
				flows.add(new Flow(from, family, primary, family.noRouteTarget(), "no route", null));
				flows.add(new Flow(from, family, primary, unassigned.get(i), "unassigned pod IP", null));
			}
		}
		return flows;
	}

	/** Resolver, ping and traceroute for every flow, several flows at a time. */
	private List<Outcome> probe(Replay plan, String prefix, List<Flow> flows) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PROBES);
		try {
			List<Callable<Outcome>> tasks = flows.stream().<Callable<Outcome>>map(flow -> () -> probe(plan, prefix, flow))
					.toList();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> outcome : pool.invokeAll(tasks)) {
				outcomes.add(outcome.get());
			}
			return outcomes;
		} finally {
			pool.shutdownNow();
		}
	}

	private Outcome probe(Replay plan, String prefix, Flow flow) {
		Reply path = api.get("/api/v1/clusters/" + plan.cluster() + "/paths?" + pathQuery(flow));
		assertThat(path.status()).as(flow + ": the resolver answers: " + path).isEqualTo(200);
		String netns = prefix + NamespaceReplay.podNamespace(flow.source().namespace(), flow.source().name());
		String family = flow.family().ipv6() ? "-6" : "-4";
		Ping ping = Ping.parse(Kernel.run(Duration.ofSeconds(10), List.of("ip", "netns", "exec", netns, "ping", family,
				"-n", "-c1", "-W1", flow.destination())));
		Traceroute traceroute = Traceroute.parse(Kernel.run(Duration.ofSeconds(20), List.of("ip", "netns", "exec", netns,
				"traceroute", family, "-n", "-q1", "-w1", "-m", String.valueOf(MAX_HOPS), flow.destination())));
		return new Outcome(flow, path.json(), ping, traceroute);
	}

	/**
	 * The resolver's question: to a pod by its name, in the primary family by default and with
	 * {@code family=} in the other; to any other target by its address, whose family it is.
	 */
	private static String pathQuery(Flow flow) {
		String to = flow.pod() == null ? flow.destination() : flow.pod().qualifiedName();
		return "from=" + URLEncoder.encode(flow.source().qualifiedName(), StandardCharsets.UTF_8) + "&to="
				+ URLEncoder.encode(to, StandardCharsets.UTF_8)
				+ (flow.pod() != null && !flow.primary() ? "&family=" + flow.family().family() : "");
	}

	private static void compare(Outcome outcome, SoftAssertions softly) {
		Flow flow = outcome.flow();
		JsonNode path = outcome.path();
		String disposition = path.path("disposition").asString();
		List<JsonNode> hops = StreamSupport.stream(path.path("hops").spliterator(), false).toList();
		JsonNode last = hops.get(hops.size() - 1);
		Ping ping = outcome.ping();
		Traceroute traceroute = outcome.traceroute();
		boolean accepted = disposition.equals("ACCEPTED");
		String context = flow + " (resolver: " + disposition + ")";

		softly.assertThat(Probes.normal(path.path("destination").path("address").asString()))
				.as(context + ": the resolver answers in the family the kernel is asked in")
				.isEqualTo(Probes.normal(flow.destination()));

		softly.assertThat(ping.answered()).as(context + ": ping answers exactly when the resolver says ACCEPTED\n"
				+ ping.output()).isEqualTo(accepted);
		if (accepted && ping.answered()) {
			softly.assertThat(path.path("ttl").asInt()).as(context + ": ttl as ping shows it").isEqualTo(ping.ttl());
			softly.assertThat(traceroute.reached(flow.destination())).as(context + ": traceroute reaches it\n"
					+ traceroute.output()).isTrue();
		}
		List<String> expected = new ArrayList<>(hops.stream()
				.filter(hop -> hop.path("action").asString().equals("ROUTED"))
				.map(hop -> Probes.normal(hop.path("address").asString())).toList());
		boolean forwardedBeforeStopping = !last.path("inInterface").isNull() && !last.path("inInterface").isMissingNode();
		if (forwardedBeforeStopping && STOPS_AFTER_TTL_CHECK.contains(last.path("action").asString())) {
			expected.add(Probes.normal(last.path("address").asString()));
		}
		List<String> routers = traceroute.routers(flow.destination());
		if (disposition.equals("LOOP")) {
			softly.assertThat(routers).as(context + ": traceroute goes round the resolver's loop\n" + traceroute.output())
					.hasSize(MAX_HOPS).startsWith(expected.toArray(String[]::new));
			softly.assertThat(ping.timeExceeded()).as(context + ": ping hears 'time exceeded'\n" + ping.output()).isTrue();
		} else {
			softly.assertThat(routers).as(context + ": traceroute shows the resolver's routers\n" + traceroute.output())
					.containsExactlyElementsOf(expected);
		}
		if (disposition.equals("NO_ROUTE")) {
			softly.assertThat(traceroute.firstNote()).as(context + ": the stopping hop answers 'network unreachable'\n"
					+ traceroute.output()).hasValueSatisfying(line -> {
						assertThat(line.note()).isEqualTo("!N");
						assertThat(line.address()).isEqualTo(Probes.normal(last.path("address").asString()));
					});
		}
	}

	private static String describe(Outcome outcome) {
		JsonNode path = outcome.path();
		List<String> resolverRouters = StreamSupport.stream(path.path("hops").spliterator(), false)
				.filter(hop -> hop.path("action").asString().equals("ROUTED"))
				.map(hop -> hop.path("address").asString()).toList();
		JsonNode hops = path.path("hops");
		JsonNode last = hops.get(hops.size() - 1);
		Ping ping = outcome.ping();
		return String.format("%-55s resolver %-20s ttl %-3s routed %s, stops at %s %s | kernel ping %s, traceroute %s",
				outcome.flow(), path.path("disposition").asString(), path.path("ttl").asInt(), resolverRouters,
				last.path("device").asString(), last.path("address").asString(),
				ping.answered() ? "ttl=" + ping.ttl() : ping.timeExceeded() ? "time exceeded" : "no answer",
				outcome.traceroute().lines().stream()
						.map(line -> (line.address() == null ? "*" : line.address())
								+ (line.note() == null ? "" : " " + line.note()))
						.toList());
	}

	/** The script's own teardown, twice (it must be safe to repeat), then any namespace with the run's prefix. */
	private static void tearDown(Path script, String prefix) {
		for (int i = 0; i < 2; i++) {
			Kernel.Result down = Kernel.run(Duration.ofSeconds(60), Map.of(NamespaceReplay.PREFIX_VARIABLE, prefix),
					List.of("sh", script.toString(), "down"));
			if (!down.ok()) {
				System.out.println("KernelReplayIT: teardown " + (i + 1) + " failed: " + down.output());
			}
		}
		Kernel.deleteNamespacesStartingWith(prefix);
	}

	private static String hex4() {
		return String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
	}
}

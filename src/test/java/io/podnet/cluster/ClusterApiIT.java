package io.podnet.cluster;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Clusters over HTTP: create with defaults, list, get, delete, and every refusal of a bad address plan. */
class ClusterApiIT extends IntegrationTest {

	private static final String CLUSTERS = "/api/v1/clusters";

	@Test
	void createdClusterHasItsDefaultsFilledIn() {
		Reply created = api.post(CLUSTERS, json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.location()).isEqualTo("/api/v1/clusters/demo");
		assertThat(created.contentType()).startsWith("application/json");
		JsonNode body = created.json();
		assertThat(body.path("name").asString()).isEqualTo("demo");
		assertThat(body.path("ipFamily").asString()).isEqualTo("IPv4");
		assertThat(body.path("nodeNetwork").asString()).isEqualTo("10.100.0.0/24");
		assertThat(body.path("podNetwork").asString()).isEqualTo("10.244.0.0/16");
		assertThat(body.path("gateway").asString()).isEqualTo("10.100.0.1");
		assertThat(body.path("nodeSubnetPrefixLength").asInt()).isEqualTo(24);
		assertThat(body.path("maxPodsPerNode").asInt()).isEqualTo(110);
		assertThat(nodeSubnets(body)).containsExactly(256L, 0L, 256L);
		assertThat(body.path("createdAt").isMissingNode()).isFalse();
	}

	@Test
	void givenOptionalValuesAreKept() {
		Reply created = api.post(CLUSTERS, json("{'name':'custom','nodeNetwork':'10.100.0.0/24','gateway':'10.100.0.254',"
				+ "'podNetwork':'10.244.0.0/16','nodeSubnetPrefixLength':26,'maxPodsPerNode':30}"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("gateway")).isEqualTo("10.100.0.254");
		assertThat(created.json().path("nodeSubnetPrefixLength").asInt()).isEqualTo(26);
		assertThat(created.json().path("maxPodsPerNode").asInt()).isEqualTo(30);
		assertThat(nodeSubnets(created.json())).containsExactly(1024L, 0L, 1024L);
	}

	@Test
	void ipv6ClusterGetsSlash64NodeSubnets() {
		Reply created = api.post(CLUSTERS,
				json("{'name':'v6','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::/56'}"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("ipFamily")).isEqualTo("IPv6");
		assertThat(created.text("gateway")).isEqualTo("fd00:10:100::1");
		assertThat(created.json().path("nodeSubnetPrefixLength").asInt()).isEqualTo(64);
		assertThat(nodeSubnets(created.json())).containsExactly(256L, 0L, 256L);
	}

	@Test
	void addressesAreShownInCanonicalForm() {
		Reply created = api.post(CLUSTERS,
				json("{'name':'v6','nodeNetwork':'FD00:0010:0100:0000::/64','podNetwork':'fd00:10:244:0:0::/56',"
						+ "'gateway':'FD00:10:100::A'}"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("nodeNetwork")).isEqualTo("fd00:10:100::/64");
		assertThat(created.text("podNetwork")).isEqualTo("fd00:10:244::/56");
		assertThat(created.text("gateway")).isEqualTo("fd00:10:100::a");
	}

	@Test
	void hugeIpv6PodNetworkCountsItsSubnetsExactly() {
		Reply created = api.post(CLUSTERS, json("{'name':'big','nodeNetwork':'fd00:10:100::/64','podNetwork':'2001:db8::/32'}"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("nodeSubnets").path("total").asString()).isEqualTo("4294967296");
	}

	@Test
	void listShowsClustersByNameWithTheirUsage() {
		create("zeta", "10.100.0.0/24", "10.244.0.0/16");
		create("alpha", "10.101.0.0/24", "10.245.0.0/16");
		assertThat(api.post(CLUSTERS + "/alpha/nodes", json("{'name':'node-1'}")).status()).isEqualTo(201);

		Reply list = api.get(CLUSTERS);

		assertThat(list.status()).isEqualTo(200);
		JsonNode items = list.json().path("items");
		assertThat(names(items)).containsExactly("alpha", "zeta");
		assertThat(nodeSubnets(items.get(0))).containsExactly(256L, 1L, 255L);
		assertThat(nodeSubnets(items.get(1))).containsExactly(256L, 0L, 256L);
	}

	@Test
	void emptyListIsAnObjectWithNoItems() {
		Reply list = api.get(CLUSTERS);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("items").isArray()).isTrue();
		assertThat(list.json().path("items").size()).isZero();
	}

	@Test
	void getShowsTheSameClusterAsTheCreateAnswer() {
		Reply created = create("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply got = api.get(CLUSTERS + "/demo");

		assertThat(got.status()).isEqualTo(200);
		assertThat(got.json()).isEqualTo(created.json());
	}

	@Test
	void getCountsAllocatedNodeSubnets() {
		create("demo", "10.100.0.0/24", "10.244.0.0/16");
		api.post(CLUSTERS + "/demo/nodes", json("{'name':'node-1'}"));
		api.post(CLUSTERS + "/demo/nodes", json("{'name':'node-2'}"));

		assertThat(nodeSubnets(api.get(CLUSTERS + "/demo").json())).containsExactly(256L, 2L, 254L);
	}

	@Test
	void unknownClusterIsNotFound() {
		Reply got = api.get(CLUSTERS + "/nope");

		assertThat(got.status()).isEqualTo(404);
		assertThat(got.isProblem()).isTrue();
		assertThat(got.text("detail")).contains("cluster 'nope' not found");
		assertThat(api.delete(CLUSTERS + "/nope").status()).isEqualTo(404);
	}

	@Test
	void duplicateNameIsAConflictAndKeepsTheFirst() {
		create("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply duplicate = api.post(CLUSTERS, json("{'name':'demo','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}"));

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.isProblem()).isTrue();
		assertThat(duplicate.text("detail")).contains("cluster 'demo' already exists");
		assertThat(api.get(CLUSTERS + "/demo").text("nodeNetwork")).isEqualTo("10.100.0.0/24");
		assertThat(api.get(CLUSTERS).json().path("items").size()).isEqualTo(1);
	}

	@Test
	void concurrentCreatesOfOneNameGiveOneWinner() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<Future<Reply>> futures = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String nodeNetwork = "10.100." + i + ".0/24";
			futures.add(pool.submit(() -> create("race", nodeNetwork, "10.244.0.0/16")));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Reply> future : futures) {
			Reply reply = future.get(60, TimeUnit.SECONDS);
			statuses.add(reply.status());
			assertThat(reply.status() == 201 || reply.isProblem()).as(reply.toString()).isTrue();
		}
		pool.shutdown();

		assertThat(statuses).as("one winner, the others told 409, never 500").containsOnly(201, 409)
				.filteredOn(status -> status == 201).hasSize(1);
		assertThat(api.get(CLUSTERS).json().path("items").size()).isEqualTo(1);
	}

	@Test
	void twoClustersMayUseTheSameNetworks() {
		// clusters are separate address spaces, as two Kubernetes clusters may both use 10.244.0.0/16
		assertThat(create("one", "10.100.0.0/24", "10.244.0.0/16").status()).isEqualTo(201);
		assertThat(create("two", "10.100.0.0/24", "10.244.0.0/16").status()).isEqualTo(201);
	}

	@Test
	void deletedClusterIsGone() {
		create("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply deleted = api.delete(CLUSTERS + "/demo");

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(api.get(CLUSTERS + "/demo").status()).isEqualTo(404);
		assertThat(api.delete(CLUSTERS + "/demo").status()).isEqualTo(404);
		assertThat(create("demo", "10.100.0.0/24", "10.244.0.0/16").status()).as("the name is free again").isEqualTo(201);
	}

	@Test
	void clusterWithNodesCannotBeDeletedAndNothingChanges() {
		create("demo", "10.100.0.0/24", "10.244.0.0/16");
		api.post(CLUSTERS + "/demo/nodes", json("{'name':'node-1'}"));
		String clusterBefore = api.get(CLUSTERS + "/demo").body();
		String nodesBefore = api.get(CLUSTERS + "/demo/nodes").body();
		String routesBefore = api.get(CLUSTERS + "/demo/routes").body();

		Reply refused = api.delete(CLUSTERS + "/demo");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("detail")).contains("1 node(s)");
		assertThat(api.get(CLUSTERS + "/demo").body()).isEqualTo(clusterBefore);
		assertThat(api.get(CLUSTERS + "/demo/nodes").body()).isEqualTo(nodesBefore);
		assertThat(api.get(CLUSTERS + "/demo/routes").body()).isEqualTo(routesBefore);
	}

	@Test
	void clusterCanBeDeletedOnceItsNodesAreGone() {
		create("demo", "10.100.0.0/24", "10.244.0.0/16");
		api.post(CLUSTERS + "/demo/nodes", json("{'name':'node-1'}"));
		assertThat(api.delete(CLUSTERS + "/demo/nodes/node-1").status()).isEqualTo(204);

		assertThat(api.delete(CLUSTERS + "/demo").status()).isEqualTo(204);
		assertThat(api.get(CLUSTERS + "/demo/routes").status()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                           | request (single-quoted JSON)                                                                          | field                  | the detail says
			pod network with host bits               | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.1/16'}                                | podNetwork             | did you mean 10.244.0.0/16?
			node network with host bits              | {'name':'c','nodeNetwork':'10.100.0.1/24','podNetwork':'10.244.0.0/16'}                                | nodeNetwork            | did you mean 10.100.0.0/24?
			IPv6 pod network with host bits          | {'name':'c','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::1/56'}                         | podNetwork             | did you mean fd00:10:244::/56?
			pod network without a prefix length      | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0'}                                   | podNetwork             | no prefix length
			pod network that is not an address       | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'pods'}                                         | podNetwork             | not valid
			inet_aton shorthand                      | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244/16'}                                    | podNetwork             | not valid
			prefix beyond 32                         | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/33'}                                | podNetwork             | not valid
			empty pod network                        | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':''}                                             | podNetwork             | is required
			pod network overlapping the node network | {'name':'c','nodeNetwork':'10.0.0.0/8','podNetwork':'10.244.0.0/16'}                                   | podNetwork             | overlaps the node network 10.0.0.0/8
			families mixed                           | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'fd00:10:244::/56'}                             | podNetwork             | one address family
			node prefix shorter than the pod network | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','nodeSubnetPrefixLength':8}     | nodeSubnetPrefixLength | shorter than the pod network's /16
			IPv4 node prefix leaving no room         | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','nodeSubnetPrefixLength':31}    | nodeSubnetPrefixLength | no room for the bridge address plus one pod
			IPv6 node prefix leaving no room         | {'name':'c','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::/56','nodeSubnetPrefixLength':127} | nodeSubnetPrefixLength | no room for the bridge address plus one pod
			IPv6 default /64 too big for a /80       | {'name':'c','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::/80'}                          | nodeSubnetPrefixLength | shorter than the pod network's /80
			gateway outside the node network         | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','gateway':'10.100.1.1'}         | gateway                | outside the node network
			gateway on the network address           | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','gateway':'10.100.0.0'}         | gateway                | network address
			gateway on the broadcast address         | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','gateway':'10.100.0.255'}       | gateway                | broadcast address
			node network too small                   | {'name':'c','nodeNetwork':'10.100.0.0/31','podNetwork':'10.244.0.0/16'}                                | nodeNetwork            | no room for a gateway and a node
			pod network in loopback                  | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'127.0.0.0/16'}                                 | podNetwork             | overlaps the loopback range 127.0.0.0/8; expected a private range such as 10.244.0.0/16
			node network in loopback                 | {'name':'c','nodeNetwork':'127.0.0.0/24','podNetwork':'10.244.0.0/16'}                                 | nodeNetwork            | overlaps the loopback range 127.0.0.0/8
			pod network in multicast                 | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'224.0.0.0/16'}                                 | podNetwork             | overlaps the multicast range 224.0.0.0/4
			pod network in link-local                | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'169.254.0.0/16'}                               | podNetwork             | overlaps the link-local range 169.254.0.0/16
			IPv6 node network IPv4-mapped            | {'name':'c','nodeNetwork':'::ffff:10.100.0.0/120','podNetwork':'fd00:10:244::/56'}                     | nodeNetwork            | overlaps the IPv4-mapped range ::ffff:0:0/96
			IPv6 pod network holding :: and ::1      | {'name':'c','nodeNetwork':'fd00:10:100::/64','podNetwork':'::/56'}                                     | podNetwork             | overlaps the loopback range ::1/128
			IPv6 pod network in multicast            | {'name':'c','nodeNetwork':'fd00:10:100::/64','podNetwork':'ff00::/56'}                                 | podNetwork             | overlaps the multicast range ff00::/8
			""")
	void invalidAddressPlanIsRefusedNamingTheField(String description, String request, String field, String detail) {
		Reply refused = api.post(CLUSTERS, json(request));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("field")).isEqualTo(field);
		assertThat(refused.text("detail")).startsWith(field + ": ").contains(detail);
		assertThat(refused.text("title")).isEqualTo("Invalid value");
		assertThat(api.get(CLUSTERS + "/c").status()).as("nothing created").isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                   | request (single-quoted JSON)                                                                    | field
			missing name                     | {'nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}                                      | name
			missing node network             | {'name':'c','podNetwork':'10.244.0.0/16'}                                                         | nodeNetwork
			missing pod network              | {'name':'c','nodeNetwork':'10.100.0.0/24'}                                                        | podNetwork
			upper-case name                  | {'name':'Demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}                        | name
			name with an underscore          | {'name':'my_cluster','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}                  | name
			name ending with a dash          | {'name':'demo-','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}                       | name
			empty name                       | {'name':'','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}                            | name
			zero node prefix                 | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','nodeSubnetPrefixLength':0} | nodeSubnetPrefixLength
			zero pods per node               | {'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16','maxPodsPerNode':0}         | maxPodsPerNode
			""")
	void invalidRequestFieldIsRefusedNamingIt(String description, String request, String field) {
		Reply refused = api.post(CLUSTERS, json(request));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		List<String> fields = new ArrayList<>();
		refused.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
		assertThat(fields).contains(field);
		assertThat(refused.text("detail")).contains(field);
		assertThat(api.get(CLUSTERS).json().path("items").size()).as("nothing created").isZero();
	}

	@Test
	void nameOf64CharactersIsRefused() {
		String name = "a".repeat(64);

		Reply refused = api.post(CLUSTERS,
				json("{'name':'" + name + "','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(create("a".repeat(63), "10.100.0.0/24", "10.244.0.0/16").status()).as("63 is fine").isEqualTo(201);
	}

	private Reply create(String name, String nodeNetwork, String podNetwork) {
		return api.post(CLUSTERS,
				json("{'name':'" + name + "','nodeNetwork':'" + nodeNetwork + "','podNetwork':'" + podNetwork + "'}"));
	}

	private static List<Long> nodeSubnets(JsonNode cluster) {
		JsonNode usage = cluster.path("nodeSubnets");
		return List.of(usage.path("total").asLong(), usage.path("allocated").asLong(), usage.path("free").asLong());
	}

	private static List<String> names(JsonNode items) {
		List<String> names = new ArrayList<>();
		items.forEach(item -> names.add(item.path("name").asString()));
		return names;
	}
}

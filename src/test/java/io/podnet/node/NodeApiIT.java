package io.podnet.node;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Nodes over HTTP: next-fit addresses and pod subnets, requested ones, deletion, exhaustion, names. */
class NodeApiIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";

	@Test
	void nodesGetNextFitAddressesAndSubnets() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		List<String> assigned = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			Reply node = node("node-" + i);
			assertThat(node.status()).isEqualTo(201);
			assigned.add(node.text("address") + " " + node.text("podSubnet") + " " + node.text("bridge", "address"));
		}

		assertThat(assigned).containsExactly(
				"10.100.0.2 10.244.0.0/24 10.244.0.1",
				"10.100.0.3 10.244.1.0/24 10.244.1.1",
				"10.100.0.4 10.244.2.0/24 10.244.2.1");
	}

	@Test
	void createdNodeAnswerHasLocationBridgeAndPodCapacity() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply created = node("node-1");

		assertThat(created.location()).isEqualTo(DEMO + "/nodes/node-1");
		assertThat(created.text("name")).isEqualTo("node-1");
		assertThat(created.text("bridge", "name")).isEqualTo("cbr0");
		assertThat(created.json().path("pods").path("capacity").asInt()).isEqualTo(110);
		assertThat(created.json().path("pods").path("allocated").asInt()).isZero();
		assertThat(api.get(created.location()).json()).isEqualTo(created.json());
	}

	@Test
	void podCapacityIsLimitedBySmallSubnets() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16',"
				+ "'nodeSubnetPrefixLength':29}"));

		Reply created = node("node-1");

		assertThat(created.text("podSubnet")).isEqualTo("10.244.0.0/29");
		assertThat(created.json().path("pods").path("capacity").asInt()).as(".2 to .6").isEqualTo(5);
	}

	@Test
	void ipv6NodesGetNextFitAddressesAndSubnets() {
		cluster("demo", "fd00:10:100::/64", "fd00:10:244::/56");

		Reply first = node("node-1");
		Reply second = node("node-2");

		assertThat(first.text("address")).isEqualTo("fd00:10:100::2");
		assertThat(first.text("podSubnet")).isEqualTo("fd00:10:244::/64");
		assertThat(first.text("bridge", "address")).isEqualTo("fd00:10:244::1");
		assertThat(second.text("address")).isEqualTo("fd00:10:100::3");
		assertThat(second.text("podSubnet")).isEqualTo("fd00:10:244:1::/64");
	}

	@Test
	void ipv6Slash32SplitIntoSlash64sWorksAndIsFast() {
		cluster("demo", "fd00:10:100::/64", "2001:db8::/32");
		Reply last = api.post(DEMO + "/nodes", json("{'name':'node-last','podSubnet':'2001:db8:ffff:ffff::/64'}"));
		assertThat(last.status()).isEqualTo(201);

		long started = System.nanoTime();
		Reply first = node("node-1");
		Reply second = node("node-2");
		long millis = (System.nanoTime() - started) / 1_000_000;

		assertThat(first.text("podSubnet")).isEqualTo("2001:db8::/64");
		assertThat(second.text("podSubnet")).isEqualTo("2001:db8:0:1::/64");
		assertThat(api.get(DEMO).json().path("nodeSubnets").path("free").asString()).isEqualTo("4294967293");
		// generous: a bitmap or a scan of 2^32 subnets would take minutes, not seconds
		assertThat(millis).isLessThan(5_000);
	}

	@Test
	void requestedAddressAndSubnetAreGiven() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply node = api.post(DEMO + "/nodes",
				json("{'name':'node-1','address':'10.100.0.50','podSubnet':'10.244.7.0/24'}"));

		assertThat(node.status()).isEqualTo(201);
		assertThat(node.text("address")).isEqualTo("10.100.0.50");
		assertThat(node.text("podSubnet")).isEqualTo("10.244.7.0/24");
		assertThat(node.text("bridge", "address")).isEqualTo("10.244.7.1");
	}

	@Test
	void requestedValuesDoNotMoveTheCursorAndAreSkippedLater() {
		// Kubernetes' case: 10.10.0.0/24 and 10.10.2.0/24 taken in 10.10.0.0/22, the next is 10.10.1.0/24
		cluster("demo", "10.100.0.0/24", "10.10.0.0/22");
		api.post(DEMO + "/nodes", json("{'name':'a','address':'10.100.0.2','podSubnet':'10.10.0.0/24'}"));
		api.post(DEMO + "/nodes", json("{'name':'b','address':'10.100.0.4','podSubnet':'10.10.2.0/24'}"));

		Reply c = node("c");
		Reply d = node("d");

		assertThat(c.text("podSubnet")).isEqualTo("10.10.1.0/24");
		assertThat(c.text("address")).isEqualTo("10.100.0.3");
		assertThat(d.text("podSubnet")).isEqualTo("10.10.3.0/24");
		assertThat(d.text("address")).isEqualTo("10.100.0.5");
	}

	@Test
	void requestedIpv6AddressAndSubnetAreGiven() {
		cluster("demo", "fd00:10:100::/64", "fd00:10:244::/56");

		Reply node = api.post(DEMO + "/nodes",
				json("{'name':'node-1','address':'FD00:10:100::A','podSubnet':'fd00:10:244:0a::/64'}"));

		assertThat(node.status()).isEqualTo(201);
		assertThat(node.text("address")).isEqualTo("fd00:10:100::a");
		assertThat(node.text("podSubnet")).isEqualTo("fd00:10:244:a::/64");
	}

	@Test
	void takenAddressIsAConflictNamingTheHolder() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		node("node-1");

		Reply refused = api.post(DEMO + "/nodes", json("{'name':'node-2','address':'10.100.0.2'}"));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("field")).isEqualTo("address");
		assertThat(refused.text("detail")).contains("10.100.0.2").contains("node 'node-1'");
		assertThat(api.get(DEMO + "/nodes/node-2").status()).isEqualTo(404);
	}

	@Test
	void takenSubnetIsAConflictNamingTheHolder() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		node("node-1");

		Reply refused = api.post(DEMO + "/nodes", json("{'name':'node-2','podSubnet':'10.244.0.0/24'}"));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("field")).isEqualTo("podSubnet");
		assertThat(refused.text("detail")).contains("10.244.0.0/24").contains("node 'node-1'");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                          | request (single-quoted JSON)                          | field     | the detail says
			address outside the node network        | {'name':'n','address':'10.100.1.2'}                    | address   | cannot be handed out
			address on the network address         | {'name':'n','address':'10.100.0.0'}                    | address   | cannot be handed out
			address on the gateway                 | {'name':'n','address':'10.100.0.1'}                    | address   | except [10.100.0.1]
			address on the broadcast address       | {'name':'n','address':'10.100.0.255'}                  | address   | cannot be handed out
			address with a prefix length           | {'name':'n','address':'10.100.0.2/24'}                 | address   | without a prefix length
			IPv6 address in an IPv4 cluster        | {'name':'n','address':'fd00::2'}                       | address   | is IPv6 but the network is IPv4
			address that is not an address         | {'name':'n','address':'node-1'}                        | address   | not valid
			empty address                          | {'name':'n','address':''}                              | address   | is required
			subnet outside the pod network         | {'name':'n','podSubnet':'10.245.0.0/24'}               | podSubnet | outside the pod network
			subnet misaligned (host bits set)      | {'name':'n','podSubnet':'10.244.0.128/24'}             | podSubnet | did you mean 10.244.0.0/24?
			subnet of the wrong prefix length      | {'name':'n','podSubnet':'10.244.0.0/25'}               | podSubnet | node subnets are /24
			subnet without a prefix length         | {'name':'n','podSubnet':'10.244.0.0'}                  | podSubnet | no prefix length
			IPv6 subnet in an IPv4 cluster         | {'name':'n','podSubnet':'fd00::/24'}                   | podSubnet | is IPv6 but the cluster is IPv4
			""")
	void invalidRequestedAddressOrSubnetIsRefused(String description, String request, String field, String detail) {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply refused = api.post(DEMO + "/nodes", json(request));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("field")).isEqualTo(field);
		assertThat(refused.text("detail")).startsWith(field + ": ").contains(detail);
		assertThat(api.get(DEMO + "/nodes").json().path("items").size()).isZero();
		assertThat(node("next").text("address")).as("the cursor did not move").isEqualTo("10.100.0.2");
	}

	@Test
	void deletedNodeIsGoneAndItsSubnetIsReusedOnlyAfterWrapAround() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/22");
		node("node-1");
		node("node-2");

		Reply deleted = api.delete(DEMO + "/nodes/node-1");
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(api.get(DEMO + "/nodes/node-1").status()).isEqualTo(404);

		Reply third = node("node-3");
		Reply fourth = node("node-4");
		Reply fifth = node("node-5");

		assertThat(third.text("podSubnet")).as("not the freed one yet").isEqualTo("10.244.2.0/24");
		assertThat(fourth.text("podSubnet")).isEqualTo("10.244.3.0/24");
		assertThat(fifth.text("podSubnet")).as("after wrap-around").isEqualTo("10.244.0.0/24");
		assertThat(third.text("address")).as("nor the freed address").isEqualTo("10.100.0.4");
		assertThat(fifth.text("address")).isEqualTo("10.100.0.6");
	}

	@Test
	void deletedNodesAddressCanBeRequestedAgainAtOnce() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		node("node-1");
		api.delete(DEMO + "/nodes/node-1");

		Reply again = api.post(DEMO + "/nodes",
				json("{'name':'node-1','address':'10.100.0.2','podSubnet':'10.244.0.0/24'}"));

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.text("address")).isEqualTo("10.100.0.2");
	}

	@Test
	void exhaustedPodNetworkIsAConflictWithTheTotals() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/22");
		for (int i = 1; i <= 4; i++) {
			assertThat(node("node-" + i).status()).isEqualTo(201);
		}

		Reply refused = node("node-5");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("detail")).contains("10.244.0.0/22").contains("all 4 /24 subnets are allocated");
		assertThat(refused.json().path("total").asInt()).isEqualTo(4);
		assertThat(refused.json().path("allocated").asInt()).isEqualTo(4);
		assertThat(api.get(DEMO + "/nodes").json().path("items").size()).isEqualTo(4);

		api.delete(DEMO + "/nodes/node-2");
		assertThat(node("node-5").text("podSubnet")).as("the freed one, now the only one").isEqualTo("10.244.1.0/24");
	}

	@Test
	void exhaustedNodeNetworkIsAConflict() {
		// a /29: .0 network, .1 gateway, .7 broadcast; five nodes at most
		cluster("demo", "10.100.0.0/29", "10.244.0.0/16");
		List<String> addresses = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			addresses.add(node("node-" + i).text("address"));
		}

		Reply refused = node("node-6");

		assertThat(addresses).containsExactly("10.100.0.2", "10.100.0.3", "10.100.0.4", "10.100.0.5", "10.100.0.6");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("detail")).contains("10.100.0.0/29").contains("all 5 usable addresses");
		assertThat(api.get(DEMO).json().path("nodeSubnets").path("allocated").asInt()).isEqualTo(5);
	}

	@Test
	void exhaustedIpv6NodeNetworkIsAConflict() {
		// a /126: ::0 network, ::1 gateway, ::2 and ::3 for nodes
		cluster("demo", "fd00:10:100::/126", "fd00:10:244::/56");
		assertThat(node("node-1").text("address")).isEqualTo("fd00:10:100::2");
		assertThat(node("node-2").text("address")).isEqualTo("fd00:10:100::3");

		assertThat(node("node-3").status()).isEqualTo(409);
	}

	@Test
	void duplicateNodeNameIsAConflict() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		node("node-1");

		Reply refused = node("node-1");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("detail")).contains("node 'node-1' already exists in cluster 'demo'");
		assertThat(api.get(DEMO + "/nodes").json().path("items").size()).isEqualTo(1);
		assertThat(node("node-2").text("address")).as("the refusal took nothing").isEqualTo("10.100.0.3");
	}

	@Test
	void sameNodeNameInTwoClustersIsFine() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		cluster("other", "10.100.0.0/24", "10.244.0.0/16");

		assertThat(node("node-1").status()).isEqualTo(201);
		Reply other = api.post("/api/v1/clusters/other/nodes", json("{'name':'node-1'}"));

		assertThat(other.status()).isEqualTo(201);
		assertThat(other.text("address")).as("clusters are separate address spaces").isEqualTo("10.100.0.2");
	}

	@Test
	void unknownClusterIsNotFound() {
		Reply refused = api.post("/api/v1/clusters/nope/nodes", json("{'name':'node-1'}"));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.text("detail")).contains("cluster 'nope' not found");
		assertThat(api.get("/api/v1/clusters/nope/nodes").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/clusters/nope/nodes/node-1").status()).isEqualTo(404);
		assertThat(api.delete("/api/v1/clusters/nope/nodes/node-1").status()).isEqualTo(404);
	}

	@Test
	void unknownNodeIsNotFound() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply got = api.get(DEMO + "/nodes/nope");

		assertThat(got.status()).isEqualTo(404);
		assertThat(got.text("detail")).contains("node 'nope' not found in cluster 'demo'");
		assertThat(api.delete(DEMO + "/nodes/nope").status()).isEqualTo(404);
	}

	@Test
	void listShowsNodesByName() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		node("node-b");
		node("node-a");
		node("node-c");

		JsonNode items = api.get(DEMO + "/nodes").json().path("items");

		List<String> names = new ArrayList<>();
		items.forEach(item -> names.add(item.path("name").asString() + " " + item.path("address").asString()));
		assertThat(names).containsExactly("node-a 10.100.0.3", "node-b 10.100.0.2", "node-c 10.100.0.4");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description              | name
			upper case                  | Node-1
			underscore                  | node_1
			dot                         | node.1
			starts with a dash          | -node
			ends with a dash            | node-
			empty                       | ''
			64 characters               | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
			""")
	void nodeNamesMustBeDns1123Labels(String description, String name) {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply refused = node(name);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(refused.text("detail")).contains("name");
		assertThat(api.get(DEMO + "/nodes").json().path("items").size()).isZero();
	}

	@Test
	void longestAndShortestValidNamesAreAccepted() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		assertThat(node("a".repeat(63)).status()).isEqualTo(201);
		assertThat(node("1").status()).isEqualTo(201);
		assertThat(node("0-a-9").status()).isEqualTo(201);
	}

	@Test
	void missingNodeNameIsRefused() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");

		Reply refused = api.post(DEMO + "/nodes", json("{'address':'10.100.0.9'}"));

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
	}

	private void cluster(String name, String nodeNetwork, String podNetwork) {
		Reply created = api.post("/api/v1/clusters",
				json("{'name':'" + name + "','nodeNetwork':'" + nodeNetwork + "','podNetwork':'" + podNetwork + "'}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private Reply node(String name) {
		return api.post(DEMO + "/nodes", json("{'name':'" + name + "'}"));
	}
}

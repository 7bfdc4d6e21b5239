package io.podnet.export;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The exports over HTTP: a node's CNI config, and each device's and the whole cluster's ip(8) commands. */
class ExportApiIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";

	private void articleCluster(String nodeNetwork, String podNetwork) {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'" + nodeNetwork + "','podNetwork':'"
				+ podNetwork + "'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		api.post(DEMO + "/namespaces/default/pods", json("{'name':'web','nodeName':'node-1','containers':"
				+ "[{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80}]}]}"));
		api.post(DEMO + "/namespaces/default/pods", json("{'name':'db','nodeName':'node-2','containers':"
				+ "[{'name':'postgres','image':'postgres:17','ports':[{'containerPort':5432}]}]}"));
	}

	/** The article's cluster with a second family, in the order given (primary first). */
	private void dualStackCluster(String podNetworks, String nodeNetworks) {
		Reply created = api.post("/api/v1/clusters", json("{'name':'demo','podNetworks':" + podNetworks
				+ ",'nodeNetworks':" + nodeNetworks + "}"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		api.post(DEMO + "/namespaces/default/pods", json("{'name':'db','nodeName':'node-2','containers':"
				+ "[{'name':'postgres','image':'postgres:17'}]}"));
	}

	@Test
	void articlesNode2GetsKubenetsBridgeConfigWithItsPodSubnet() {
		articleCluster("10.100.0.0/24", "10.244.0.0/16");

		Reply cni = api.get(DEMO + "/nodes/node-2/cni-config");

		assertThat(cni.status()).isEqualTo(200);
		assertThat(cni.contentType()).startsWith("application/json");
		assertThat(cni.json()).isEqualTo(tree("{'cniVersion':'1.0.0','name':'kubenet','type':'bridge','bridge':'cbr0',"
				+ "'isGateway':true,'ipMasq':false,'hairpinMode':true,'ipam':{'type':'host-local',"
				+ "'ranges':[[{'subnet':'10.244.1.0/24','gateway':'10.244.1.1'}]],'routes':[{'dst':'0.0.0.0/0'}]}}"));
		assertThat(cni.body()).as("the CNI spec's required members first, as kubenet writes them")
				.startsWith("{\"cniVersion\":\"1.0.0\",\"name\":\"kubenet\",\"type\":\"bridge\"");
	}

	@Test
	void ipv6NodeGetsItsSubnetAndTheIpv6DefaultRoute() {
		articleCluster("fd00:10:100::/64", "fd00:10:244::/56");

		JsonNode ipam = api.get(DEMO + "/nodes/node-2/cni-config").json().path("ipam");

		assertThat(ipam.path("ranges").get(0).get(0).path("subnet").asString()).isEqualTo("fd00:10:244:1::/64");
		assertThat(ipam.path("ranges").get(0).get(0).path("gateway").asString()).isEqualTo("fd00:10:244:1::1");
		assertThat(ipam.path("routes").get(0).path("dst").asString()).isEqualTo("::/0");
	}

	@Test
	void eachDeviceAndTheClusterHaveAnIpConfigScript() {
		articleCluster("10.100.0.0/24", "10.244.0.0/16");
		String veth = api.get(DEMO + "/namespaces/default/pods/db").text("network", "hostInterface");

		Reply gateway = api.get(DEMO + "/gateway/ip-config");
		Reply node = api.get(DEMO + "/nodes/node-2/ip-config");
		Reply pod = api.get(DEMO + "/namespaces/default/pods/db/ip-config");
		Reply cluster = api.get(DEMO + "/ip-config");

		for (Reply script : new Reply[] { gateway, node, pod, cluster }) {
			assertThat(script.status()).isEqualTo(200);
			assertThat(script.contentType()).startsWith("text/plain");
			assertThat(script.body()).startsWith("#!/bin/sh\n");
		}
		assertThat(gateway.body()).contains("ip route add 10.244.1.0/24 via 10.100.0.3 dev eth0  # node-2\n");
		assertThat(node.body()).contains("ip addr add 10.244.1.1/24 dev cbr0\n",
				"ip route add default via 10.100.0.1 dev eth0\n");
		assertThat(pod.body()).contains("ip link add " + veth + " type veth peer name eth0 netns \"$POD_NETNS\"\n",
				"ip -n \"$POD_NETNS\" addr add 10.244.1.2/24 dev eth0\n");
		assertThat(cluster.body()).contains("ip -n \"${P}node.node-2\" link add " + veth
				+ " type veth peer name eth0 netns \"${P}pod.default.db\"\n");
	}

	@Test
	void userRoutesAreOnTheGatewayAndFollowChanges() {
		articleCluster("10.100.0.0/24", "10.244.0.0/16");
		api.post(DEMO + "/routes", json("{'destination':'10.244.200.0/24','type':'BLACKHOLE'}"));

		assertThat(api.get(DEMO + "/gateway/ip-config").body()).contains("ip route add blackhole 10.244.200.0/24\n");

		api.delete(DEMO + "/routes/10.244.200.0%2F24");
		api.delete(DEMO + "/namespaces/default/pods/db");

		assertThat(api.get(DEMO + "/gateway/ip-config").body()).doesNotContain("blackhole");
		assertThat(api.get(DEMO + "/ip-config").body()).doesNotContain("pod.default.db");
	}

	@Test
	void dualStackNodeGetsARangeSetAndADefaultRoutePerFamilyPrimaryFirst() {
		dualStackCluster("['10.244.0.0/16','fd00:10:244::/56']", "['10.100.0.0/24','fd00:10:100::/64']");

		Reply cni = api.get(DEMO + "/nodes/node-2/cni-config");

		assertThat(cni.status()).isEqualTo(200);
		assertThat(cni.json().path("ipam")).isEqualTo(tree("{'type':'host-local','ranges':["
				+ "[{'subnet':'10.244.1.0/24','gateway':'10.244.1.1'}],"
				+ "[{'subnet':'fd00:10:244:1::/64','gateway':'fd00:10:244:1::1'}]],"
				+ "'routes':[{'dst':'0.0.0.0/0'},{'dst':'::/0'}]}"));
	}

	@Test
	void ipv6PrimaryNodesRangesStartWithIpv6() {
		dualStackCluster("['fd00:10:244::/56','10.244.0.0/16']", "['fd00:10:100::/64','10.100.0.0/24']");

		JsonNode ipam = api.get(DEMO + "/nodes/node-2/cni-config").json().path("ipam");

		assertThat(ipam.path("ranges").get(0).get(0).path("subnet").asString()).isEqualTo("fd00:10:244:1::/64");
		assertThat(ipam.path("ranges").get(1).get(0).path("subnet").asString()).isEqualTo("10.244.1.0/24");
		assertThat(ipam.path("routes").get(0).path("dst").asString()).isEqualTo("::/0");
		assertThat(ipam.path("routes").get(1).path("dst").asString()).isEqualTo("0.0.0.0/0");
	}

	@Test
	void dualStackScriptsConfigureBothFamiliesOnEveryDevice() {
		dualStackCluster("['10.244.0.0/16','fd00:10:244::/56']", "['10.100.0.0/24','fd00:10:100::/64']");
		api.post(DEMO + "/routes", json("{'destination':'fd00:10:244:c8::/64','type':'BLACKHOLE'}"));
		String veth = api.get(DEMO + "/namespaces/default/pods/db").text("network", "hostInterface");

		String gateway = api.get(DEMO + "/gateway/ip-config").body();
		String node = api.get(DEMO + "/nodes/node-2/ip-config").body();
		String pod = api.get(DEMO + "/namespaces/default/pods/db/ip-config").body();
		String cluster = api.get(DEMO + "/ip-config").body();

		assertThat(gateway).contains("sysctl -w net.ipv4.ip_forward=1\nsysctl -w net.ipv6.conf.all.forwarding=1\n",
				"ip addr add 10.100.0.1/24 dev eth0\n", "ip -6 addr add fd00:10:100::1/64 dev eth0 nodad\n",
				"ip route add 10.244.1.0/24 via 10.100.0.3 dev eth0  # node-2\n",
				"ip -6 route add fd00:10:244:1::/64 via fd00:10:100::3 dev eth0  # node-2\n",
				"ip -6 route add blackhole fd00:10:244:c8::/64\n");
		assertThat(node).contains("ip addr add 10.100.0.3/24 dev eth0\n", "ip -6 addr add fd00:10:100::3/64 dev eth0 nodad\n",
				"ip addr add 10.244.1.1/24 dev cbr0\n", "ip -6 addr add fd00:10:244:1::1/64 dev cbr0 nodad\n",
				"ip route add default via 10.100.0.1 dev eth0\n", "ip -6 route add default via fd00:10:100::1 dev eth0\n");
		assertThat(pod).contains("ip -n \"$POD_NETNS\" addr add 10.244.1.2/24 dev eth0\n",
				"ip -n \"$POD_NETNS\" -6 addr add fd00:10:244:1::2/64 dev eth0 nodad\n",
				"ip -n \"$POD_NETNS\" route add default via 10.244.1.1 dev eth0\n",
				"ip -n \"$POD_NETNS\" -6 route add default via fd00:10:244:1::1 dev eth0\n");
		assertThat(cluster).contains("ip -n \"${P}node.node-2\" link add " + veth
				+ " type veth peer name eth0 netns \"${P}pod.default.db\"\n",
				"ip -n \"${P}pod.default.db\" -6 addr add fd00:10:244:1::2/64 dev eth0 nodad\n",
				"ip -n \"${P}gateway\" -6 route add blackhole fd00:10:244:c8::/64\n");
	}

	@Test
	void unknownClusterNodeOrPodIsA404ProblemEvenForTextExports() {
		articleCluster("10.100.0.0/24", "10.244.0.0/16");

		for (String path : new String[] { "/api/v1/clusters/nope/ip-config", "/api/v1/clusters/nope/gateway/ip-config",
				DEMO + "/nodes/node-9/ip-config", DEMO + "/nodes/node-9/cni-config",
				DEMO + "/namespaces/default/pods/nope/ip-config" }) {
			Reply reply = api.get(path);
			assertThat(reply.status()).as(path).isEqualTo(404);
			assertThat(reply.isProblem()).as(path + ": " + reply.contentType()).isTrue();
			assertThat(reply.json().path("detail").asString()).as(path).contains("not found");
		}
	}

	private static JsonNode tree(String singleQuoted) {
		return JsonMapper.builder().build().readTree(json(singleQuoted));
	}
}

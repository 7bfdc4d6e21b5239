package io.podnet.pod;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.ipam.Addresses;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pods over HTTP: one shared network namespace, one IP from the node's bridge subnet. */
class PodApiIT extends IntegrationTest {

	private static final String PODS = "/api/v1/clusters/demo/namespaces/default/pods";

	@BeforeEach
	void articleCluster() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}"));
	}

	private Reply createPod(String name, String node) {
		String nodeField = node == null ? "" : ",'nodeName':'" + node + "'";
		return api.post(PODS, json("{'name':'" + name + "'" + nodeField
				+ ",'containers':[{'name':'app','image':'busybox','ports':[{'containerPort':8080}]}]}"));
	}

	@Test
	void articlesPodGetsTheFirstAddressAfterTheBridgeAndSharesOneNamespace() {
		Reply web = api.post(PODS, json("{'name':'web','nodeName':'node-1','containers':["
				+ "{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80}]},"
				+ "{'name':'scrapyd','image':'scrapy/scrapyd','ports':[{'containerPort':6800}]}]}"));

		assertThat(web.status()).isEqualTo(201);
		assertThat(web.location()).isEqualTo(PODS + "/web");
		assertThat(web.text("ip")).isEqualTo("10.244.0.2");
		assertThat(web.text("nodeName")).isEqualTo("node-1");
		assertThat(web.text("network", "interface")).isEqualTo("eth0");
		assertThat(web.text("network", "bridge")).isEqualTo("cbr0");
		assertThat(web.text("network", "gateway")).isEqualTo("10.244.0.1");
		assertThat(web.text("network", "hostInterface")).matches("veth[0-9a-f]{8}").hasSizeLessThanOrEqualTo(15);
		assertThat(web.text("infraContainer", "name")).isEqualTo("pause");
		assertThat(web.text("infraContainer", "image")).isEqualTo("registry.k8s.io/pause:3.10");
		JsonNode containers = web.json().path("containers");
		assertThat(containers).hasSize(2);
		assertThat(containers.get(0).path("ports").get(0).path("protocol").asString()).isEqualTo("TCP");
		assertThat(api.get(PODS + "/web").json()).isEqualTo(web.json());
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-1").json().path("pods").path("allocated").asInt()).isEqualTo(1);
	}

	@Test
	void secondPodOnNodeGetsNextAddress() {
		assertThat(createPod("a", "node-1").text("ip")).isEqualTo("10.244.0.2");
		assertThat(createPod("b", "node-1").text("ip")).isEqualTo("10.244.0.3");
		assertThat(createPod("c", "node-2").text("ip")).isEqualTo("10.244.1.2");
	}

	@Test
	void freedAddressIsHandedOutAgainOnlyAfterWrapping() {
		api.post("/api/v1/clusters", json("{'name':'tiny','nodeNetwork':'10.100.0.0/24','podNetwork':'10.245.0.0/24',"
				+ "'nodeSubnetPrefixLength':29}"));
		api.post("/api/v1/clusters/tiny/nodes", json("{'name':'n'}"));
		String pods = "/api/v1/clusters/tiny/namespaces/default/pods";
		String spec = ",'containers':[{'name':'c','image':'i'}]}";
		List<String> ips = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ips.add(api.post(pods, json("{'name':'p" + i + "'" + spec)).text("ip"));
		}
		// a /29 gives exactly .2 to .6: never the network, the bridge (.1) or the broadcast (.7)
		assertThat(ips).containsExactly("10.245.0.2", "10.245.0.3", "10.245.0.4", "10.245.0.5", "10.245.0.6");
		Reply full = api.post(pods, json("{'name':'p5'" + spec));
		assertThat(full.status()).isEqualTo(409);
		assertThat(full.json().path("detail").asString()).contains("no free pod slot", "5 of 5");

		assertThat(api.delete(pods + "/p1").status()).isEqualTo(204);
		assertThat(api.delete(pods + "/p3").status()).isEqualTo(204);
		// the cursor is at .6: it wraps to the lowest freed address, then the next
		assertThat(api.post(pods, json("{'name':'q1'" + spec)).text("ip")).isEqualTo("10.245.0.3");
		assertThat(api.post(pods, json("{'name':'q2'" + spec)).text("ip")).isEqualTo("10.245.0.5");
	}

	@Test
	void nextFitOnANodeSeesOnlyItsOwnSubnetThoughNeighboursAreAdjacent() {
		// next-fit reads the cluster's taken IPs in the node's own range: the neighbour's pods, one
		// address past that range, must neither be handed out nor block the wrap
		api.post("/api/v1/clusters", json("{'name':'tiny','nodeNetwork':'10.100.0.0/24','podNetwork':'10.245.0.0/24',"
				+ "'nodeSubnetPrefixLength':29}"));
		api.post("/api/v1/clusters/tiny/nodes", json("{'name':'n'}"));
		api.post("/api/v1/clusters/tiny/nodes", json("{'name':'m'}"));
		String pods = "/api/v1/clusters/tiny/namespaces/default/pods";
		String spec = ",'containers':[{'name':'c','image':'i'}]}";
		List<String> onN = new ArrayList<>();
		List<String> onM = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			onN.add(api.post(pods, json("{'name':'n" + i + "','nodeName':'n'" + spec)).text("ip"));
			onM.add(api.post(pods, json("{'name':'m" + i + "','nodeName':'m'" + spec)).text("ip"));
		}
		assertThat(onN).containsExactly("10.245.0.2", "10.245.0.3", "10.245.0.4", "10.245.0.5", "10.245.0.6");
		assertThat(onM).containsExactly("10.245.0.10", "10.245.0.11", "10.245.0.12", "10.245.0.13", "10.245.0.14");

		assertThat(api.delete(pods + "/n4").status()).isEqualTo(204);
		assertThat(api.delete(pods + "/m0").status()).isEqualTo(204);
		assertThat(api.post(pods, json("{'name':'n5','nodeName':'n'" + spec)).text("ip")).isEqualTo("10.245.0.6");
		assertThat(api.post(pods, json("{'name':'m5','nodeName':'m'" + spec)).text("ip")).isEqualTo("10.245.0.10");
	}

	@Test
	void releasedAddressIsNotReusedBeforeTheCursorWraps() {
		createPod("a", "node-1");
		createPod("b", "node-1");
		api.delete(PODS + "/a");
		assertThat(createPod("c", "node-1").text("ip")).isEqualTo("10.244.0.4");
	}

	@Test
	void hundredEleventhPodOnANodeIsRefusedWithClearMessage() {
		Set<String> ips = new HashSet<>();
		for (int i = 0; i < 110; i++) {
			Reply pod = createPod("p" + i, "node-1");
			assertThat(pod.status()).as(pod.toString()).isEqualTo(201);
			ips.add(pod.text("ip"));
		}
		assertThat(ips).hasSize(110).doesNotContain("10.244.0.0", "10.244.0.1", "10.244.0.255");
		Reply refused = createPod("p110", "node-1");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().path("detail").asString()).contains("node-1", "110 of 110", "maxPodsPerNode 110");
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-1").json().path("pods").path("allocated").asInt())
				.isEqualTo(110);
	}

	@Test
	void withoutNodeNamePodGoesToTheNodeWithMostFreeSlotsTiesByName() {
		createPod("a", "node-1");
		assertThat(createPod("b", null).text("nodeName")).isEqualTo("node-2");
		assertThat(createPod("c", null).text("nodeName")).isEqualTo("node-1");
		assertThat(createPod("d", null).text("nodeName")).isEqualTo("node-2");
		assertThat(createPod("e", null).text("nodeName")).isEqualTo("node-1");
	}

	@Test
	void sameContainerPortAndProtocolInTwoContainersIsRefusedNamingBoth() {
		Reply clash = api.post(PODS, json("{'name':'web','containers':["
				+ "{'name':'nginx','image':'nginx','ports':[{'containerPort':80}]},"
				+ "{'name':'sidecar','image':'envoy','ports':[{'containerPort':80,'protocol':'TCP'}]}]}"));
		assertThat(clash.status()).isEqualTo(422);
		assertThat(clash.json().path("detail").asString()).contains("nginx", "sidecar", "80/TCP");
		assertThat(api.get(PODS + "/web").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-1").json().path("pods").path("allocated").asInt()).isZero();
	}

	@Test
	void samePortWithDifferentProtocolsIsFine() {
		Reply dns = api.post(PODS, json("{'name':'dns','containers':["
				+ "{'name':'tcp','image':'coredns','ports':[{'containerPort':53,'protocol':'TCP'}]},"
				+ "{'name':'udp','image':'coredns','ports':[{'containerPort':53,'protocol':'UDP'}]}]}"));
		assertThat(dns.status()).isEqualTo(201);
	}

	@Test
	void invalidContainersAreRefusedWith422NamingTheField() {
		assertInvalid("{'name':'x','containers':[]}", "containers");
		assertInvalid("{'name':'x'}", "containers");
		assertInvalid("{'name':'x','containers':[{'name':'a','image':'i'},{'name':'a','image':'j'}]}", "containers[1].name");
		assertInvalid("{'name':'x','containers':[{'name':'a'}]}", "containers[0].image");
		assertInvalid("{'name':'x','containers':[{'name':'A_b','image':'i'}]}", "containers[0].name");
		assertInvalid("{'name':'x','containers':[{'name':'a','image':'i','ports':[{'containerPort':0}]}]}",
				"containers[0].ports[0].containerPort");
		assertInvalid("{'name':'x','containers':[{'name':'a','image':'i','ports':[{'containerPort':65536}]}]}",
				"containers[0].ports[0].containerPort");
		assertInvalid("{'name':'x','containers':[{'name':'a','image':'i','ports':[{'containerPort':1,'protocol':'ICMP'}]}]}",
				"containers[0].ports[0].protocol");
		assertInvalid("{'name':'x','containers':[{'name':'a','image':'i','ports':[{'containerPort':80},{'containerPort':80}]}]}",
				"containers[0].ports[1]");
		assertInvalid("{'name':'Web','containers':[{'name':'a','image':'i'}]}", "name");
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("items")).isEmpty();
	}

	@Test
	void imagesWithWhitespaceOrControlCharactersAreRefused() {
		for (String image : new String[] {"nginx\\u0000:1.27", "nginx\\nrm -rf /", "\\u001b[2Jnginx", " nginx:1.27 ",
				"nginx :1.27", "nginx:1.27\\t", "nginx\\u00a0:1.27", "nginx\\u202e:1.27"}) {
			Reply reply = api.post(PODS, json("{'name':'x','containers':[{'name':'a','image':'" + image + "'}]}"));
			assertThat(reply.status()).as(image + ": " + reply).isEqualTo(422);
			assertThat(reply.isProblem()).isTrue();
			assertThat(reply.body()).contains("\"containers[0].image\"")
					.contains("without spaces or control characters, e.g. nginx:1.27");
		}
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("items")).isEmpty();
		Reply digest = api.post(PODS, json("{'name':'x','containers':[{'name':'a','image':"
				+ "'registry.example.com:5000/team/app@sha256:" + "0".repeat(64) + "'}]}"));
		assertThat(digest.status()).as(digest.toString()).isEqualTo(201);
	}

	private void assertInvalid(String body, String field) {
		Reply reply = api.post(PODS, json(body));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.body()).contains("\"" + field + "\"");
	}

	@Test
	void unknownClusterNodeOrPodIs404() {
		for (String nodeField : List.of("", ",'nodeName':'node-1'")) {
			Reply noCluster = api.post("/api/v1/clusters/nope/namespaces/default/pods",
					json("{'name':'x'" + nodeField + ",'containers':[{'name':'a','image':'i'}]}"));
			assertThat(noCluster.status()).isEqualTo(404);
			assertThat(noCluster.json().path("detail").asString()).contains("cluster 'nope'");
		}
		Reply noNode = createPod("x", "node-9");
		assertThat(noNode.status()).isEqualTo(404);
		assertThat(noNode.json().path("detail").asString()).contains("node-9");
		assertThat(api.get(PODS + "/x").status()).isEqualTo(404);
		assertThat(api.delete(PODS + "/x").status()).isEqualTo(404);
		assertThat(api.get(PODS + "/x/routes").status()).isEqualTo(404);
	}

	@Test
	void invalidNamespaceIs422() {
		Reply reply = api.post("/api/v1/clusters/demo/namespaces/Bad_NS/pods",
				json("{'name':'x','containers':[{'name':'a','image':'i'}]}"));
		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.json().path("field").asString()).isEqualTo("namespace");
	}

	@Test
	void duplicatePodNameIs409AndADeletedPodsNameCanBeReused() {
		createPod("web", "node-1");
		Reply duplicate = createPod("web", "node-2");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.text("type")).isEqualTo("urn:podnet:problem:already-exists");
		assertThat(duplicate.text("detail")).contains("pod 'default/web' already exists in cluster 'demo'");
		// the refused insert is rolled back with the rest: node-2 gave out no address
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-2").json().path("pods").path("allocated").asInt())
				.isZero();
		assertThat(api.post("/api/v1/clusters/demo/namespaces/other/pods",
				json("{'name':'web','containers':[{'name':'a','image':'i'}]}")).status()).isEqualTo(201);
		assertThat(api.delete(PODS + "/web").status()).isEqualTo(204);
		Reply again = createPod("web", "node-1");
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.text("ip")).isEqualTo("10.244.0.3");
		// other/web went to node-2, whose first address the refused duplicate never took
		assertThat(api.get("/api/v1/clusters/demo/namespaces/other/pods/web").text("ip")).isEqualTo("10.244.1.2");
	}

	@Test
	void aHostInterfaceNameAlreadyOnTheNodeMakesThePodTakeTheNextCandidate() {
		// the pod web will get 10.244.0.2 on node-1; a row already holds the veth name it would get first
		String seed = HostInterfaceNames.seed("demo", "default", "web", Addresses.parseAddress("ip", "10.244.0.2"));
		String first = HostInterfaceNames.candidate(seed, 0);
		jdbc.update("insert into pod (cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers,"
				+ " version, created_at) select c.id, n.id, 'planted', 'squatter', '10.244.0.200', 183763144, ?, '[]', 0,"
				+ " current_timestamp from cluster c join node n on n.cluster_id = c.id"
				+ " where c.name = 'demo' and n.name = 'node-1'", first);

		Reply web = createPod("web", "node-1");

		assertThat(web.status()).isEqualTo(201);
		assertThat(web.text("ip")).isEqualTo("10.244.0.2");
		assertThat(web.text("network", "hostInterface")).isEqualTo(HostInterfaceNames.candidate(seed, 1))
				.isNotEqualTo(first);
		// the refused first attempt left nothing behind: one pod counted, the next one gets the next IP
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-1").json().path("pods").path("allocated").asInt())
				.isEqualTo(1);
		assertThat(createPod("db", "node-1").text("ip")).isEqualTo("10.244.0.3");
	}

	@Test
	void hostInterfacesAreUniquePerNodeAndFitLinux() {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			String name = createPod("p" + i, "node-1").text("network", "hostInterface");
			assertThat(name.length()).isLessThanOrEqualTo(15);
			names.add(name);
		}
		assertThat(names).hasSize(30);
	}

	@Test
	void listsByNamespaceByClusterAndByNode() {
		createPod("b", "node-1");
		createPod("a", "node-2");
		api.post("/api/v1/clusters/demo/namespaces/kube-system/pods",
				json("{'name':'dns','nodeName':'node-1','containers':[{'name':'a','image':'i'}]}"));

		assertThat(names(api.get(PODS))).containsExactly("default/a", "default/b");
		assertThat(names(api.get("/api/v1/clusters/demo/pods"))).containsExactly("default/a", "default/b", "kube-system/dns");
		assertThat(names(api.get("/api/v1/clusters/demo/pods?node=node-1"))).containsExactly("default/b", "kube-system/dns");
		assertThat(api.get("/api/v1/clusters/demo/pods?node=node-9").status()).isEqualTo(404);
	}

	private static List<String> names(Reply list) {
		List<String> names = new ArrayList<>();
		list.json().path("items").forEach(p -> names.add(p.path("namespace").asString() + "/" + p.path("name").asString()));
		return names;
	}

	@Test
	void podRouteTableIsItsSubnetOnEth0AndDefaultViaTheBridge() {
		createPod("web", "node-2");
		Reply routes = api.get(PODS + "/web/routes");
		assertThat(routes.json().toString()).isEqualTo(json("["
				+ "{'destination':'0.0.0.0/0','nextHop':'10.244.1.1','device':'eth0','type':'DEFAULT'},"
				+ "{'destination':'10.244.1.0/24','device':'eth0','type':'CONNECTED'}]"));
	}

	@Test
	void deletingANodeWithPodsIs409UnlessCascade() {
		createPod("a", "node-1");
		createPod("b", "node-1");
		Reply refused = api.delete("/api/v1/clusters/demo/nodes/node-1");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("detail").asString()).contains("2 pod(s)", "cascade=true");
		assertThat(api.get(PODS + "/a").status()).isEqualTo(200);

		assertThat(api.delete("/api/v1/clusters/demo/nodes/node-1?cascade=true").status()).isEqualTo(204);
		assertThat(api.get(PODS + "/a").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("items")).isEmpty();
		assertThat(api.get("/api/v1/clusters/demo/routes").body()).doesNotContain("node-1");
	}

	@Test
	void ipv6PodsGetAddressesAfterTheBridge() {
		api.post("/api/v1/clusters", json("{'name':'six','nodeNetwork':'fd00:10:100::/64','podNetwork':'fd00:10:244::/56'}"));
		Reply node = api.post("/api/v1/clusters/six/nodes", json("{'name':'n1'}"));
		assertThat(node.text("bridge", "address")).isEqualTo("fd00:10:244::1");
		Reply pod = api.post("/api/v1/clusters/six/namespaces/default/pods",
				json("{'name':'web','containers':[{'name':'a','image':'i'}]}"));
		assertThat(pod.text("ip")).isEqualTo("fd00:10:244::2");
		assertThat(pod.text("network", "gateway")).isEqualTo("fd00:10:244::1");
		assertThat(api.get("/api/v1/clusters/six/nodes/n1").json().path("pods").path("capacity").asInt()).isEqualTo(110);
	}
}

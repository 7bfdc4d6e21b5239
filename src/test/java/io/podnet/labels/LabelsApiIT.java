package io.podnet.labels;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Labels, annotations, label and field selectors, and merge patches over HTTP, on clusters, nodes
 * and pods, as a kubectl user expects them.
 */
class LabelsApiIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";
	private static final String PATCH = "application/merge-patch+json";

	@Test
	void labelsAndAnnotationsAreStoredAndShownOnEveryResource() {
		Reply cluster = api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24',"
				+ "'podNetwork':'10.244.0.0/16','labels':{'env':'prod'},'annotations':{'owner':'net team'}}"));
		Reply node = api.post(DEMO + "/nodes", json("{'name':'node-1','labels':{'topology.kubernetes.io/zone':'a'}}"));
		Reply pod = pod("default", "web", "{'app':'shop','tier':'web'}");

		assertThat(cluster.status()).isEqualTo(201);
		assertThat(cluster.json().path("labels").path("env").asString()).isEqualTo("prod");
		assertThat(cluster.json().path("annotations").path("owner").asString()).isEqualTo("net team");
		assertThat(node.json().path("labels").path("topology.kubernetes.io/zone").asString()).isEqualTo("a");
		assertThat(node.json().path("annotations").isEmpty()).isTrue();
		assertThat(pod.json().path("labels").path("tier").asString()).isEqualTo("web");
		assertThat(api.get(DEMO).json().path("labels")).isEqualTo(cluster.json().path("labels"));
		assertThat(api.get(DEMO).json().path("annotations")).isEqualTo(cluster.json().path("annotations"));
		assertThat(api.get(DEMO + "/nodes/node-1").json().path("labels")).isEqualTo(node.json().path("labels"));
		assertThat(api.get(pod.location()).json()).isEqualTo(pod.json());
	}

	@Test
	void anInvalidLabelIs422NamingItAndStoresNothing() {
		cluster();
		Reply badKey = api.post(DEMO + "/nodes", json("{'name':'node-1','labels':{'Bad_Prefix.io/x':'y'}}"));
		Reply badValue = api.post(DEMO + "/nodes", json("{'name':'node-1','labels':{'app':'has spaces'}}"));
		Reply nullValue = api.post(DEMO + "/nodes", json("{'name':'node-1','labels':{'app':null}}"));

		assertThat(badKey.status()).isEqualTo(422);
		assertThat(badKey.text("field")).isEqualTo("labels");
		assertThat(badKey.text("value")).isEqualTo("Bad_Prefix.io/x");
		assertThat(badKey.text("detail")).contains("label key");
		assertThat(badValue.status()).isEqualTo(422);
		assertThat(badValue.text("field")).isEqualTo("labels[app]");
		assertThat(badValue.text("detail")).contains("label value");
		assertThat(nullValue.status()).isEqualTo(422);
		assertThat(api.get(DEMO + "/nodes").json().path("items").size()).isZero();
	}

	@Test
	void labelSelectorsSelectPodsAcrossPagesAsKubernetesDoes() {
		cluster();
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		List<String> web = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String namespace = i % 3 == 0 ? "alpha" : "beta";
			String name = String.format("p%02d", i);
			String labels = i % 5 == 0 ? "{'app':'web','tier':'front'}" : i % 5 == 1 ? "{'app':'web','canary':'true'}"
					: "{'app':'db'}";
			assertThat(pod(namespace, name, labels).status()).isEqualTo(201);
			if (i % 5 == 0) {
				web.add(namespace + "/" + name);
			}
		}
		web.sort(null);

		assertThat(names(DEMO + "/pods?labelSelector=" + q("app=web,!canary") + "&limit=2")).isEqualTo(web);
		assertThat(names(DEMO + "/pods?labelSelector=" + q("app in (web, cache),tier") + "&limit=1")).isEqualTo(web);
		assertThat(names(DEMO + "/pods?labelSelector=" + q("app!=db,tier notin (front)") + "&limit=3")).hasSize(6)
				.allMatch(p -> List.of(1, 6, 11, 16, 21, 26).contains(Integer.parseInt(p.substring(p.length() - 2))));
		assertThat(names(DEMO + "/namespaces/alpha/pods?labelSelector=" + q("tier=front") + "&limit=1"))
				.isEqualTo(web.stream().filter(p -> p.startsWith("alpha/")).toList());
		assertThat(names(DEMO + "/pods?labelSelector=" + q("app=nothing"))).isEmpty();
	}

	@Test
	void fieldSelectorsSelectPodsByNodeAndIp() {
		cluster();
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		Reply a = api.post(DEMO + "/namespaces/default/pods", json("{'name':'a','nodeName':'node-1',"
				+ "'containers':[{'name':'c','image':'nginx'}],'labels':{'app':'web'}}"));
		api.post(DEMO + "/namespaces/default/pods", json("{'name':'b','nodeName':'node-2',"
				+ "'containers':[{'name':'c','image':'nginx'}],'labels':{'app':'web'}}"));
		api.post(DEMO + "/namespaces/other/pods", json("{'name':'c','nodeName':'node-1',"
				+ "'containers':[{'name':'c','image':'nginx'}]}"));

		assertThat(names(DEMO + "/pods?fieldSelector=" + q("spec.nodeName=node-1"))).containsExactly("default/a", "other/c");
		assertThat(names(DEMO + "/pods?fieldSelector=" + q("spec.nodeName!=node-1"))).containsExactly("default/b");
		assertThat(names(DEMO + "/pods?fieldSelector=" + q("status.podIP=" + a.text("ip")))).containsExactly("default/a");
		assertThat(names(DEMO + "/pods?fieldSelector=" + q("metadata.namespace=other"))).containsExactly("other/c");
		assertThat(names(DEMO + "/pods?fieldSelector=" + q("spec.nodeName=node-1") + "&labelSelector=app"))
				.containsExactly("default/a");
		assertThat(names(DEMO + "/pods?fieldSelector=" + q("spec.nodeName=no-such-node"))).isEmpty();
		assertThat(names(DEMO + "/namespaces/default/pods?fieldSelector=" + q("metadata.name!=a"))).containsExactly("default/b");
	}

	@Test
	void anInvalidSelectorIs400NamingThePosition() {
		cluster();
		Reply label = api.get(DEMO + "/pods?labelSelector=" + q("env=prod,tier in (web api)"));
		Reply field = api.get(DEMO + "/pods?fieldSelector=" + q("spec.hostNetwork=true"));
		Reply nodes = api.get(DEMO + "/nodes?labelSelector=" + q("x,,y"));

		assertThat(label.status()).isEqualTo(400);
		assertThat(label.isProblem()).isTrue();
		assertThat(label.text("field")).isEqualTo("labelSelector");
		assertThat(label.json().path("position").asInt()).isEqualTo(22);
		assertThat(label.text("detail")).contains("at position 22").contains("expected ',' or ')'");
		assertThat(field.status()).isEqualTo(400);
		assertThat(field.text("detail")).contains("spec.hostNetwork").contains("spec.nodeName");
		assertThat(nodes.status()).isEqualTo(400);
		assertThat(nodes.json().path("position").asInt()).isEqualTo(2);
	}

	@Test
	void clustersAndNodesAreSelectedByLabel() {
		api.post("/api/v1/clusters", json("{'name':'prod-a','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16',"
				+ "'labels':{'env':'prod'}}"));
		api.post("/api/v1/clusters", json("{'name':'test-a','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16',"
				+ "'labels':{'env':'test'}}"));
		api.post("/api/v1/clusters", json("{'name':'prod-b','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16',"
				+ "'labels':{'env':'prod'}}"));
		for (int i = 1; i <= 5; i++) {
			api.post("/api/v1/clusters/prod-a/nodes", json("{'name':'node-" + i + "','labels':{'zone':'" + (i % 2 == 0
					? "even" : "odd") + "'}}"));
		}

		assertThat(names("/api/v1/clusters?labelSelector=" + q("env=prod") + "&limit=1")).containsExactly("prod-a", "prod-b");
		assertThat(names("/api/v1/clusters?labelSelector=" + q("env notin (prod)"))).containsExactly("test-a");
		assertThat(names("/api/v1/clusters/prod-a/nodes?labelSelector=" + q("zone=odd") + "&limit=2"))
				.containsExactly("node-1", "node-3", "node-5");
	}

	@Test
	void aMergePatchChangesLabelsAndTheLabelIndexFollows() {
		cluster();
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		Reply pod = pod("default", "web", "{'app':'shop','tier':'web'}");

		Reply patched = patch(pod.location(), "{\"labels\":{\"tier\":null,\"track\":\"canary\"},"
				+ "\"annotations\":{\"note\":\"moved\"}}", null);

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().path("labels").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asString())
				.containsExactly("app=shop", "track=canary");
		assertThat(patched.json().path("annotations").path("note").asString()).isEqualTo("moved");
		assertThat(patched.text("resourceVersion")).isEqualTo("1");
		assertThat(patched.json().path("ip")).isEqualTo(pod.json().path("ip"));
		assertThat(api.get(pod.location()).json()).isEqualTo(patched.json());
		assertThat(names(DEMO + "/pods?labelSelector=" + q("track=canary"))).containsExactly("default/web");
		assertThat(names(DEMO + "/pods?labelSelector=" + q("tier=web"))).isEmpty();
		assertThat(patch(pod.location(), "{}", null).json()).isEqualTo(patched.json());
		assertThat(patch(pod.location(), "{\"labels\":{\"app\":\"store\"}}", null).text("resourceVersion")).isEqualTo("2");
		assertThat(names(DEMO + "/pods?labelSelector=" + q("app=store,track=canary"))).containsExactly("default/web");
		assertThat(names(DEMO + "/pods?labelSelector=" + q("app=shop"))).isEmpty();
		assertThat(api.send("DELETE", pod.location(), null, null, "\"2\"").status()).isEqualTo(204);
		assertThat(names(DEMO + "/pods?labelSelector=" + q("track=canary"))).isEmpty();
	}

	@Test
	void aMergePatchRefusesFixedFieldsStaleVersionsAndOtherMediaTypes() {
		cluster();
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		Reply pod = pod("default", "web", "{'app':'shop'}");

		Reply ip = patch(pod.location(), "{\"ip\":\"10.244.0.9\"}", null);
		Reply sameIp = patch(pod.location(), "{\"ip\":\"" + pod.text("ip") + "\",\"labels\":{\"a\":\"b\"}}", null);
		Reply staleIfMatch = patch(pod.location(), "{\"labels\":{\"a\":\"c\"}}", "\"0\"");
		Reply staleVersion = patch(pod.location(), "{\"labels\":{\"a\":\"c\"},\"resourceVersion\":\"0\"}", null);
		Reply badLabel = patch(pod.location(), "{\"labels\":{\"a\":\"not valid\"}}", null);
		Reply notJsonPatch = api.send("PATCH", pod.location(), "application/json", "{\"labels\":{}}");
		Reply missing = patch(DEMO + "/namespaces/default/pods/nope", "{\"labels\":{}}", null);

		assertThat(ip.status()).isEqualTo(422);
		assertThat(ip.text("field")).isEqualTo("ip");
		assertThat(ip.text("detail")).contains("cannot be changed").contains("labels");
		assertThat(sameIp.status()).isEqualTo(200);
		assertThat(staleIfMatch.status()).isEqualTo(412);
		assertThat(staleVersion.status()).isEqualTo(409);
		assertThat(badLabel.status()).isEqualTo(422);
		assertThat(badLabel.text("field")).isEqualTo("labels[a]");
		assertThat(notJsonPatch.status()).isEqualTo(415);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(api.get(pod.location()).json().path("labels").path("a").asString()).isEqualTo("b");
	}

	@Test
	void aNodePatchChangesLabelsAndTheNodeVersion() {
		cluster();
		Reply node = api.post(DEMO + "/nodes", json("{'name':'node-1','labels':{'zone':'a'}}"));

		Reply patched = patch(node.location(), "{\"labels\":{\"zone\":\"b\"}}", "\"0\"");
		Reply subnet = patch(node.location(), "{\"podSubnet\":\"10.244.9.0/24\"}", null);

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.text("labels", "zone")).isEqualTo("b");
		assertThat(patched.text("resourceVersion")).isEqualTo("1");
		assertThat(api.get(node.location()).json()).isEqualTo(patched.json());
		assertThat(subnet.status()).isEqualTo(422);
		assertThat(subnet.text("field")).isEqualTo("podSubnet");
	}

	@Test
	void maxPodsPerNodeMayChangeButNotBelowTheBusiestNode() {
		cluster();
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-2'}"));
		for (int i = 0; i < 3; i++) {
			pod("default", "p" + i, "{}");
		}
		// placement spreads them: node-1 holds 2, node-2 holds 1

		Reply tooLow = patch(DEMO, "{\"maxPodsPerNode\":1}", null);
		Reply lowered = patch(DEMO, "{\"maxPodsPerNode\":2,\"labels\":{\"env\":\"lab\"}}", null);
		Reply fourth = pod("default", "p3", "{}");
		Reply fifth = pod("default", "p4", "{}");
		Reply network = patch(DEMO, "{\"podNetwork\":\"10.245.0.0/16\"}", null);

		assertThat(tooLow.status()).isEqualTo(409);
		assertThat(tooLow.text("detail")).contains("2 pods");
		assertThat(lowered.status()).isEqualTo(200);
		assertThat(lowered.json().path("maxPodsPerNode").asInt()).isEqualTo(2);
		assertThat(lowered.text("labels", "env")).isEqualTo("lab");
		assertThat(api.get(DEMO + "/nodes/node-2").json().path("pods").path("capacity").asInt()).isEqualTo(2);
		assertThat(fourth.status()).isEqualTo(201);
		assertThat(fifth.status()).as("both nodes are full at 2").isEqualTo(409);
		assertThat(network.status()).isEqualTo(422);
		assertThat(network.text("field")).isEqualTo("podNetwork");
	}

	private Reply patch(String path, String body, String ifMatch) {
		return api.send("PATCH", path, PATCH, body, ifMatch);
	}

	private void cluster() {
		assertThat(api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24',"
				+ "'podNetwork':'10.244.0.0/16'}")).status()).isEqualTo(201);
	}

	private Reply pod(String namespace, String name, String labels) {
		return api.post(DEMO + "/namespaces/" + namespace + "/pods", json("{'name':'" + name + "','containers':"
				+ "[{'name':'c','image':'nginx'}],'labels':" + labels + "}"));
	}

	/** Every item of the list, following continue to the end: names, or namespace/name for pods. */
	private List<String> names(String path) {
		List<String> names = new ArrayList<>();
		String next = null;
		do {
			Reply page = api.get(path + (next == null ? "" : "&continue=" + q(next)));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			for (JsonNode item : page.json().path("items")) {
				names.add(item.has("namespace") ? item.path("namespace").asString() + "/" + item.path("name").asString()
						: item.path("name").asString());
			}
			JsonNode token = page.json().path("metadata").path("continue");
			next = token.isMissingNode() || token.isNull() ? null : token.asString();
		} while (next != null);
		return names;
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}
}

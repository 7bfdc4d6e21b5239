package io.podnet.picture;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/**
 * The pictures over HTTP, on the cluster as stored: the article's cluster with every node, bridge,
 * pod and route at its address; the longest legal names; a path hop by hop; the refusals of the
 * rest of the API; a large cluster's summary.
 */
class PictureApiIT extends IntegrationTest {

	/** The longest DNS-1123 label, made to look like markup as far as a legal name can. */
	private static final String LONGEST = "lt-script-gt-alert-amp-quot-" + "x".repeat(29) + "-end-9";

	private void cluster(String name, String nodeNetwork, String podNetwork) {
		ok(api.post("/api/v1/clusters", json("{'name':'" + name + "','nodeNetwork':'" + nodeNetwork + "','podNetwork':'"
				+ podNetwork + "'}")));
	}

	/** The article's cluster: web and api on node-1, db on node-2; a user route on the gateway. */
	private void articleCluster() {
		cluster("demo", "10.100.0.0/24", "10.244.0.0/16");
		ok(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}")));
		ok(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}")));
		pod("demo", "default", "web", "node-1", 80);
		pod("demo", "default", "api", "node-1", 8080);
		pod("demo", "default", "db", "node-2", 5432);
		ok(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.244.200.0/24','type':'BLACKHOLE'}")));
	}

	private JsonNode pod(String cluster, String namespace, String name, String node, int port) {
		return ok(api.post("/api/v1/clusters/" + cluster + "/namespaces/" + namespace + "/pods", json("{'name':'" + name
				+ "','nodeName':'" + node + "','containers':[{'name':'c','image':'i','ports':[{'containerPort':" + port
				+ "}]}]}"))).json();
	}

	private static Reply ok(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
		return reply;
	}

	private Document svg(String path) {
		Reply reply = api.get(path);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("image/svg+xml");
		Document svg = Pictures.parse(reply.body());
		assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
		assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
		return svg;
	}

	@Test
	void articlesClusterShowsEveryNodeBridgePodAndRouteWithItsAddress() {
		articleCluster();
		Document svg = svg("/api/v1/clusters/demo/topology.svg");

		assertThat(Pictures.titles(svg).get(0)).isEqualTo("Cluster demo");
		assertThat(svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).contains("node-1: eth0 10.100.0.2");
		assertThat(Pictures.named(svg, "node")).containsExactly("node-1", "node-2");
		assertThat(Pictures.named(svg, "bridge")).containsExactly("node-1 cbr0", "node-2 cbr0");
		assertThat(Pictures.named(svg, "pod")).containsExactlyInAnyOrder("default/web", "default/api", "default/db");
		List<String> texts = Pictures.texts(svg);
		assertThat(texts).contains("gateway", "eth0 10.100.0.1", "node-1", "eth0 10.100.0.2", "cbr0 10.244.0.1/24",
				"node-2", "eth0 10.100.0.3", "cbr0 10.244.1.1/24", "default/web", "eth0 10.244.0.2", "default/api",
				"eth0 10.244.0.3", "default/db", "eth0 10.244.1.2");
		// each pod's veth, as the API names its host end
		for (JsonNode pod : api.get("/api/v1/clusters/demo/pods").json().path("items")) {
			assertThat(texts).contains("veth " + pod.path("network").path("hostInterface").asString() + " on cbr0");
		}
		// every route of the gateway's table, the user's marked
		for (JsonNode route : api.get("/api/v1/clusters/demo/routes").json().path("items")) {
			String destination = route.path("destination").asString();
			assertThat(texts).as(destination).anySatisfy(text -> assertThat(text).contains(destination));
		}
		assertThat(texts).contains("★ blackhole 10.244.200.0/24  (user route)");
		assertThat(texts).contains("  10.244.1.0/24 via 10.100.0.3");
	}

	@Test
	void longestLegalNamesAreCutToTheirBoxAndWholeInTheirTooltip() {
		cluster(LONGEST, "10.100.0.0/24", "10.244.0.0/16");
		String cluster = LONGEST;
		ok(api.post("/api/v1/clusters/" + cluster + "/nodes", json("{'name':'" + LONGEST + "'}")));
		ok(api.post("/api/v1/clusters/" + cluster + "/nodes", json("{'name':'node-2'}")));
		pod(cluster, LONGEST, LONGEST, LONGEST, 80);
		pod(cluster, "default", "db", "node-2", 5432);

		Document svg = svg("/api/v1/clusters/" + cluster + "/topology.svg");
		double width = Double.parseDouble(svg.getDocumentElement().getAttribute("width"));
		assertThat(width).as("two nodes side by side, whatever their names").isLessThanOrEqualTo(
				2 * Layout.MARGIN + 2 * Layout.NODE_WIDTH + Layout.NODE_GAP);
		assertThat(Pictures.named(svg, "pod")).contains(LONGEST + "/" + LONGEST);
		assertThat(Pictures.titles(svg)).contains(LONGEST, LONGEST + "/" + LONGEST);
		// no text runs past the picture's edge
		NodeList texts = svg.getElementsByTagNameNS("*", "text");
		for (int i = 0; i < texts.getLength(); i++) {
			Element text = (Element) texts.item(i);
			double x = Double.parseDouble(text.getAttribute("x"));
			assertThat(x + Pictures.shown(text).length() * Svg.CHAR_WIDTH).as(Pictures.shown(text))
					.isLessThanOrEqualTo(width);
		}
		Document path = svg("/api/v1/clusters/" + cluster + "/paths.svg?from=" + LONGEST + "/" + LONGEST
				+ "&to=default/db&port=5432");
		assertThat(hops(path)).hasSize(5);
	}

	private static List<String> hops(Document svg) {
		List<String> hops = new ArrayList<>();
		NodeList groups = svg.getElementsByTagNameNS("*", "g");
		for (int i = 0; i < groups.getLength(); i++) {
			Element group = (Element) groups.item(i);
			if (group.getAttribute("class").equals("hop")) {
				hops.add(group.getAttribute("data-hop") + " " + group.getAttribute("data-device"));
			}
		}
		return hops;
	}

	private static String disposition(Document svg) {
		NodeList groups = svg.getElementsByTagNameNS("*", "g");
		for (int i = 0; i < groups.getLength(); i++) {
			Element group = (Element) groups.item(i);
			if (group.getAttribute("class").equals("path")) {
				return group.getAttribute("data-disposition");
			}
		}
		return null;
	}

	@Test
	void pathIsDrawnHopByHopWithTheRouteEachRouterMatched() {
		articleCluster();
		Document svg = svg("/api/v1/clusters/demo/paths.svg?from=default/web&to=default/db&port=5432");

		assertThat(hops(svg)).containsExactly("1 pod default/web", "2 node-1", "3 gateway", "4 node-2",
				"5 pod default/db");
		assertThat(disposition(svg)).isEqualTo("ACCEPTED");
		List<String> texts = Pictures.texts(svg);
		assertThat(texts).contains("default via 10.100.0.1", "10.244.1.0/24 via 10.100.0.3", "10.244.1.0/24 dev cbr0",
				"ACCEPTED here");
		assertThat(texts).anySatisfy(text -> assertThat(text).startsWith("ACCEPTED · scope CROSS_NODE · TTL 61"));
		// the whole cluster is still drawn under the path
		assertThat(Pictures.named(svg, "pod")).containsExactlyInAnyOrder("default/web", "default/api", "default/db");
	}

	@Test
	void pathPictureSaysWhereThePacketStops() {
		articleCluster();
		Document nullRouted = svg("/api/v1/clusters/demo/paths.svg?from=default/web&to=10.244.200.7");
		assertThat(disposition(nullRouted)).isEqualTo("NULL_ROUTED");
		assertThat(hops(nullRouted)).last().isEqualTo("3 gateway");
		assertThat(Pictures.texts(nullRouted)).contains("NULL_ROUTED here");

		Document refused = svg("/api/v1/clusters/demo/paths.svg?from=default/web&to=default/db&port=80");
		assertThat(disposition(refused)).isEqualTo("REFUSED");
		assertThat(hops(refused)).last().isEqualTo("5 pod default/db");
	}

	@Test
	void oneNodeOrOneNamespaceIsDrawnAlone() {
		articleCluster();
		pod("demo", "shop", "cart", "node-2", 80);

		Document node = svg("/api/v1/clusters/demo/topology.svg?node=node-2");
		assertThat(Pictures.named(node, "node")).containsExactly("node-2");
		assertThat(Pictures.named(node, "pod")).containsExactlyInAnyOrder("default/db", "shop/cart");
		assertThat(Pictures.texts(node)).contains("  10.244.1.0/24 via 10.100.0.3", "★ blackhole 10.244.200.0/24  (user route)");

		Document namespace = svg("/api/v1/clusters/demo/topology.svg?namespace=shop");
		assertThat(Pictures.named(namespace, "node")).containsExactly("node-1", "node-2");
		assertThat(Pictures.named(namespace, "pod")).containsExactly("shop/cart");
	}

	@Test
	void refusalsAreProblemsLikeTheRestOfTheApi() {
		articleCluster();
		Reply noCluster = api.get("/api/v1/clusters/nope/topology.svg");
		assertThat(noCluster.status()).isEqualTo(404);
		assertThat(noCluster.contentType()).startsWith("application/problem+json");
		assertThat(noCluster.json().path("detail").asString()).contains("cluster 'nope'");

		Reply noNode = api.get("/api/v1/clusters/demo/topology.svg?node=node-9");
		assertThat(noNode.status()).isEqualTo(404);
		assertThat(noNode.json().path("detail").asString()).contains("node 'node-9'");

		Reply badNamespace = api.get("/api/v1/clusters/demo/topology.svg?namespace=Not_A_Label");
		assertThat(badNamespace.status()).isEqualTo(400);
		assertThat(badNamespace.contentType()).startsWith("application/problem+json");
		assertThat(badNamespace.json().path("field").asString()).isEqualTo("namespace");

		Reply noSource = api.get("/api/v1/clusters/demo/paths.svg?to=default/db");
		assertThat(noSource.status()).isEqualTo(400);
		assertThat(noSource.body()).contains("from");

		Reply badPort = api.get("/api/v1/clusters/demo/paths.svg?from=default/web&to=default/db&port=70000");
		assertThat(badPort.status()).as("as GET .../paths answers").isEqualTo(api.get(
				"/api/v1/clusters/demo/paths?from=default/web&to=default/db&port=70000").status());
		assertThat(badPort.json().path("field").asString()).isEqualTo("port");

		Reply noPod = api.get("/api/v1/clusters/demo/paths.svg?from=default/nope&to=default/db");
		assertThat(noPod.status()).isEqualTo(404);

		assertThat(api.withToken(null).get("/api/v1/clusters/demo/topology.svg").status()).isEqualTo(401);
	}

	@Test
	void aClusterOfMoreThanFiftyNodesIsSummarisedWithLinksToItsNodes() {
		cluster("big", "10.100.0.0/24", "10.244.0.0/16");
		for (int i = 1; i <= PictureReader.DETAIL_NODES + 1; i++) {
			ok(api.post("/api/v1/clusters/big/nodes", json("{'name':'node-" + i + "'}")));
		}
		pod("big", "default", "web", "node-7", 80);

		Reply reply = api.get("/api/v1/clusters/big/topology.svg");
		Document svg = svg("/api/v1/clusters/big/topology.svg");
		assertThat(reply.body().length()).isLessThan(100_000);
		assertThat(Pictures.named(svg, "node")).as("no node drawn one by one").isEmpty();
		List<String> texts = Pictures.texts(svg);
		assertThat(texts).anySatisfy(text -> assertThat(text).contains("51 nodes, 1 pod"));
		assertThat(texts).anySatisfy(text -> assertThat(text).contains("51 used of 256, 205 free"));
		assertThat(Pictures.named(svg, "node-summary")).contains("node-7");
		assertThat(svg.getElementsByTagNameNS("*", "a").item(0).getAttributes().getNamedItem("href").getNodeValue())
				.isEqualTo("topology.svg?node=node-7");
		// the way to open one node
		assertThat(Pictures.named(svg("/api/v1/clusters/big/topology.svg?node=node-7"), "pod")).containsExactly(
				"default/web");

		// a path in it is drawn on the nodes it crosses and the pods at its ends, not on 51 nodes
		pod("big", "default", "db", "node-9", 5432);
		Document path = svg("/api/v1/clusters/big/paths.svg?from=default/web&to=default/db&port=5432");
		assertThat(Pictures.named(path, "node")).containsExactly("node-7", "node-9");
		assertThat(Pictures.named(path, "pod")).containsExactly("default/web", "default/db");
		assertThat(hops(path)).containsExactly("1 pod default/web", "2 node-7", "3 gateway", "4 node-9",
				"5 pod default/db");
		assertThat(Pictures.texts(path)).contains("  10.244.8.0/24 via 10.100.0.10", "… and 49 more routes");
	}
}

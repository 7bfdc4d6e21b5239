package io.podnet.api;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lists page the Kubernetes way: limit plus an opaque continue token, keyset not offset. */
class PagingIT extends IntegrationTest {

	@BeforeEach
	void clusterWithPods() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		for (int n = 1; n <= 3; n++) {
			api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-" + n + "'}"));
		}
		for (String namespace : List.of("default", "kube-system", "apps")) {
			for (int i = 0; i < 9; i++) {
				Reply pod = api.post("/api/v1/clusters/demo/namespaces/" + namespace + "/pods",
						json("{'name':'pod-" + i + "','containers':[{'name':'c','image':'i'}]}"));
				assertThat(pod.status()).isEqualTo(201);
			}
		}
	}

	/** Reads every page of a list; returns each page's names. */
	private List<List<String>> pages(String path, int limit) {
		List<List<String>> pages = new ArrayList<>();
		String token = null;
		do {
			String query = (path.contains("?") ? "&" : "?") + "limit=" + limit
					+ (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
			JsonNode page = api.get(path + query).json();
			List<String> names = new ArrayList<>();
			page.path("items").forEach(item -> names.add(item.has("namespace")
					? item.path("namespace").asString() + "/" + item.path("name").asString()
					: item.path("name").asString()));
			pages.add(names);
			JsonNode next = page.path("metadata").path("continue");
			token = next.isMissingNode() || next.isNull() ? null : next.asString();
		} while (token != null);
		return pages;
	}

	private List<String> all(String path) {
		List<String> names = new ArrayList<>();
		api.get(path).json().path("items").forEach(item -> names.add(item.has("namespace")
				? item.path("namespace").asString() + "/" + item.path("name").asString()
				: item.path("name").asString()));
		return names;
	}

	@Test
	void pagesOfAllPodsTogetherAreTheWholeListInOrder() {
		List<List<String>> pages = pages("/api/v1/clusters/demo/pods", 5);
		assertThat(pages).hasSize(6);
		assertThat(pages.subList(0, 5)).allSatisfy(page -> assertThat(page).hasSize(5));
		assertThat(pages.get(5)).hasSize(2);
		assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(all("/api/v1/clusters/demo/pods"))
				.hasSize(27).startsWith("apps/pod-0").endsWith("kube-system/pod-8");
	}

	@Test
	void anExactMultipleEndsWithoutAnEmptyPage() {
		List<List<String>> pages = pages("/api/v1/clusters/demo/namespaces/default/pods", 3);
		assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page).hasSize(3));
	}

	@Test
	void aNodesPodsAndANamespacesPodsAndNodesAndClustersPageToo() {
		assertThat(pages("/api/v1/clusters/demo/pods?node=node-2", 4).stream().flatMap(List::stream).toList())
				.isEqualTo(all("/api/v1/clusters/demo/pods?node=node-2")).hasSize(9);
		assertThat(pages("/api/v1/clusters/demo/namespaces/apps/pods", 4).stream().flatMap(List::stream).toList())
				.isEqualTo(all("/api/v1/clusters/demo/namespaces/apps/pods")).hasSize(9);
		assertThat(pages("/api/v1/clusters/demo/nodes", 2).stream().flatMap(List::stream).toList())
				.containsExactly("node-1", "node-2", "node-3");
		api.post("/api/v1/clusters", json("{'name':'another','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		assertThat(pages("/api/v1/clusters", 1)).containsExactly(List.of("another"), List.of("demo"));
	}

	@Test
	void pagesDoNotShiftWhenItemsAreAddedOrDeletedBetweenThem() {
		JsonNode first = api.get("/api/v1/clusters/demo/namespaces/default/pods?limit=4").json();
		String token = first.path("metadata").path("continue").asString();
		// pod-0 (already served) goes, and a pod that sorts before the cursor arrives: neither shifts the rest
		api.delete("/api/v1/clusters/demo/namespaces/default/pods/pod-0");
		api.post("/api/v1/clusters/demo/namespaces/default/pods", json("{'name':'pod-00','containers':[{'name':'c','image':'i'}]}"));
		JsonNode second = api.get("/api/v1/clusters/demo/namespaces/default/pods?limit=4&continue=" + token).json();
		List<String> names = new ArrayList<>();
		second.path("items").forEach(item -> names.add(item.path("name").asString()));
		assertThat(names).containsExactly("pod-4", "pod-5", "pod-6", "pod-7");
	}

	@Test
	void badLimitsAndForeignTokensAre422ProblemsAndAllWithoutLimit() {
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("items")).hasSize(27);
		assertThat(api.get("/api/v1/clusters/demo/pods").json().path("metadata").has("continue")).isFalse();
		for (String query : List.of("limit=0", "limit=-1", "limit=10001", "limit=5&continue=garbage",
				"continue=djEKZGVmYXVsdA", "continue=%E2%9C%93")) {
			Reply reply = api.get("/api/v1/clusters/demo/pods?" + query);
			assertThat(reply.status()).as(query + " " + reply).isEqualTo(422);
			assertThat(reply.isProblem()).isTrue();
		}
		assertThat(api.get("/api/v1/clusters/demo/pods?limit=ten").status()).isEqualTo(400);
	}
}

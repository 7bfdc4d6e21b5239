package io.podnet.api;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.Api;
import io.podnet.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** resourceVersion, ETag and If-Match, as Kubernetes clients use resourceVersion; and the body size limit. */
class ConditionalRequestsIT extends IntegrationTest {

	private static final String CLUSTER = "/api/v1/clusters/demo";
	private static final String POD = CLUSTER + "/namespaces/default/pods/web";

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void cluster() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
	}

	private HttpResponse<String> deleteIfMatch(String path, String ifMatch) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).DELETE()
				.header("If-Match", ifMatch).header("Authorization", "Bearer " + Api.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
				.header("Authorization", "Bearer " + Api.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String etag(HttpResponse<String> response) {
		return response.headers().firstValue("ETag").orElseThrow();
	}

	@Test
	void everyResourceCarriesItsVersionAsAnETag() throws Exception {
		Reply node = api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		Reply pod = api.post(CLUSTER + "/namespaces/default/pods", json("{'name':'web','containers':[{'name':'c','image':'i'}]}"));
		Reply route = api.post(CLUSTER + "/routes", json("{'destination':'0.0.0.0/0','type':'EXTERNAL'}"));

		for (String path : new String[] { CLUSTER, CLUSTER + "/nodes/node-1", POD }) {
			HttpResponse<String> response = get(path);
			assertThat(etag(response)).as(path).matches("\"\\d+\"");
			assertThat(response.body()).contains("\"resourceVersion\":" + etag(response));
		}
		assertThat(pod.text("resourceVersion")).isNotNull();
		assertThat(node.text("resourceVersion")).isNotNull();
		assertThat(route.text("resourceVersion")).isNotNull();
	}

	@Test
	void aNodesVersionChangesWhenItsPodsDoSoAStaleIfMatchIs412AndChangesNothing() throws Exception {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		String before = etag(get(CLUSTER + "/nodes/node-1"));
		api.post(CLUSTER + "/namespaces/default/pods", json("{'name':'web','nodeName':'node-1','containers':[{'name':'c','image':'i'}]}"));
		api.delete(POD);
		String after = etag(get(CLUSTER + "/nodes/node-1"));
		assertThat(after).isNotEqualTo(before);

		HttpResponse<String> stale = deleteIfMatch(CLUSTER + "/nodes/node-1", before);
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(stale.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(stale.body()).contains(before.replace("\"", "\\\"")).contains(after.replace("\"", "\\\""));
		assertThat(get(CLUSTER + "/nodes/node-1").statusCode()).isEqualTo(200);

		assertThat(deleteIfMatch(CLUSTER + "/nodes/node-1", "\"999\", " + after).statusCode()).isEqualTo(204);
		assertThat(get(CLUSTER + "/nodes/node-1").statusCode()).isEqualTo(404);
	}

	@Test
	void ifMatchGuardsClusterPodAndRouteDeletesAndStarMatchesAnyVersion() throws Exception {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		api.post(CLUSTER + "/namespaces/default/pods", json("{'name':'web','containers':[{'name':'c','image':'i'}]}"));
		Reply route = api.post(CLUSTER + "/routes", json("{'destination':'10.0.0.0/8','type':'BLACKHOLE'}"));
		assertThat(route.status()).isEqualTo(201);

		assertThat(deleteIfMatch(POD, "\"41\"").statusCode()).isEqualTo(412);
		assertThat(deleteIfMatch(POD, "*").statusCode()).isEqualTo(204);

		String routePath = CLUSTER + "/routes/10.0.0.0%2F8";
		assertThat(deleteIfMatch(routePath, "\"41\"").statusCode()).isEqualTo(412);
		assertThat(deleteIfMatch(routePath, "\"" + route.text("resourceVersion") + "\"").statusCode()).isEqualTo(204);

		api.delete(CLUSTER + "/nodes/node-1");
		String cluster = etag(get(CLUSTER));
		assertThat(deleteIfMatch(CLUSTER, "\"41\"").statusCode()).isEqualTo(412);
		assertThat(deleteIfMatch(CLUSTER, cluster).statusCode()).isEqualTo(204);
	}

	@Test
	void bodiesOverOneMebibyteAre413ProblemsAndChangeNothing() {
		String huge = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"nodeNetwork\":\"10.1.0.0/24\",\"podNetwork\":\"10.2.0.0/16\"}";
		Reply reply = api.post("/api/v1/clusters", huge);
		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.json().path("detail").asString()).contains("limit");
		assertThat(api.get("/api/v1/clusters").json().path("items")).hasSize(1);
	}
}

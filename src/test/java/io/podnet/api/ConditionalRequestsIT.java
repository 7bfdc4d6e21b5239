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

/**
 * resourceVersion, ETag, If-Match and If-None-Match, as Kubernetes clients use resourceVersion; and the
 * body size limit.
 */
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

	/** A GET with these conditional headers, given as name, value, name, value... */
	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
				.header("Authorization", "Bearer " + Api.ADMIN_TOKEN);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
	void ifNoneMatchWithTheCurrentETagIs304WithTheETagAndNoBodyOnClusterNodeAndPod() throws Exception {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		api.post(CLUSTER + "/namespaces/default/pods", json("{'name':'web','containers':[{'name':'c','image':'i'}]}"));

		for (String path : new String[] { CLUSTER, CLUSTER + "/nodes/node-1", POD }) {
			String current = etag(get(path));
			String version = current.substring(1, current.length() - 1);
			// RFC 9110 13.1.2: If-None-Match compares weakly, so W/"3" matches "3"; * matches any current representation
			for (String ifNoneMatch : new String[] { current, "W/" + current, "*", "\"999\", " + current,
					"\"999\",W/" + current }) {
				HttpResponse<String> notModified = get(path, "If-None-Match", ifNoneMatch);
				assertThat(notModified.statusCode()).as(path + " If-None-Match: " + ifNoneMatch).isEqualTo(304);
				assertThat(notModified.body()).isEmpty();
				assertThat(etag(notModified)).isEqualTo(current);
			}
			for (String ifNoneMatch : new String[] { "\"999\"", "W/\"999\"", version, "\"" + version + "0\"" }) {
				HttpResponse<String> modified = get(path, "If-None-Match", ifNoneMatch);
				assertThat(modified.statusCode()).as(path + " If-None-Match: " + ifNoneMatch).isEqualTo(200);
				assertThat(modified.body()).contains("\"resourceVersion\":" + current);
				assertThat(etag(modified)).isEqualTo(current);
			}
		}
	}

	@Test
	void anETagSeenBeforeAChangeIsAnsweredWithTheNewRepresentation() throws Exception {
		api.post(CLUSTER + "/nodes", json("{'name':'node-1'}"));
		String before = etag(get(CLUSTER + "/nodes/node-1"));
		api.post(CLUSTER + "/namespaces/default/pods", json("{'name':'web','nodeName':'node-1','containers':[{'name':'c','image':'i'}]}"));

		HttpResponse<String> changed = get(CLUSTER + "/nodes/node-1", "If-None-Match", before);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(etag(changed)).isNotEqualTo(before);
		assertThat(changed.body()).contains("\"allocated\":1");
		assertThat(get(CLUSTER + "/nodes/node-1", "If-None-Match", etag(changed)).statusCode()).isEqualTo(304);
	}

	@Test
	void ifMatchIsDecidedBeforeIfNoneMatch() throws Exception {
		String current = etag(get(CLUSTER));
		// RFC 9110 13.2.2: a failed If-Match is 412 whatever If-None-Match says
		HttpResponse<String> stale = get(CLUSTER, "If-Match", "\"41\"", "If-None-Match", current);
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(stale.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(get(CLUSTER, "If-Match", current, "If-None-Match", current).statusCode()).isEqualTo(304);
		assertThat(get(CLUSTER, "If-Match", "*", "If-None-Match", "\"41\"").statusCode()).isEqualTo(200);
		// If-Match compares strongly: a weak tag never matches
		assertThat(get(CLUSTER, "If-Match", "W/" + current).statusCode()).isEqualTo(412);
		assertThat(get(CLUSTER + "/nodes/nobody", "If-None-Match", "*").statusCode()).isEqualTo(404);
	}

	@Test
	void theApiDocumentNamesIfNoneMatchAnd304OnTheGetsThatAnswerAnETag() {
		var paths = api.get("/v3/api-docs").json().path("paths");
		for (String path : new String[] { "/api/v1/clusters/{cluster}", "/api/v1/clusters/{cluster}/nodes/{node}",
				"/api/v1/clusters/{cluster}/namespaces/{namespace}/pods/{pod}" }) {
			var get = paths.path(path).path("get");
			assertThat(get.path("responses").has("304")).as(path).isTrue();
			assertThat(get.path("parameters").findValuesAsString("name")).as(path).contains("If-None-Match");
		}
		assertThat(paths.path("/api/v1/clusters").path("get").path("responses").has("304")).isFalse();
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

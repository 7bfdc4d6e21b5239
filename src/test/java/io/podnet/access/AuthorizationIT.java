package io.podnet.access;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document, sent by every kind of caller, gets the answer its role
 * and scope call for; an endpoint added tomorrow is in the document, so it is checked too. The
 * requests are built so that an allowed one changes nothing that the next ones depend on: bodies
 * are empty objects (422), deletes name things that do not exist or are still in use.
 */
class AuthorizationIT extends IntegrationTest {

	private static final Map<String, String> NAMES = Map.of("node", "no-such-node", "namespace", "default", "pod",
			"no-such-pod", "destination", "10.99.0.0%2F16", "token", "no-such-token", "family", "IPv6", "name", "no-such-intent");

	private record Operation(String method, String template) {

		String path(String cluster) {
			String path = template.replace("{cluster}", cluster);
			for (Map.Entry<String, String> name : NAMES.entrySet()) {
				path = path.replace("{" + name.getKey() + "}", name.getValue());
			}
			return path;
		}

		boolean read() {
			return method.equals("GET");
		}

		boolean admin() {
			return template.startsWith("/api/v1/tokens") || template.startsWith("/api/v1/audit")
					|| template.startsWith("/api/v1/backup");
		}

		boolean clusterScoped() {
			return template.contains("{cluster}");
		}

		boolean createsCluster() {
			return method.equals("POST") && template.equals("/api/v1/clusters");
		}
	}

	@Test
	void everyOperationAnswersEachCallerAsItsRoleAndScopeAllow() {
		for (String cluster : List.of("demo", "other")) {
			api.post("/api/v1/clusters", json("{'name':'" + cluster + "','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
			// a node keeps each cluster from being deleted by the callers allowed to try
			api.post("/api/v1/clusters/" + cluster + "/nodes", json("{'name':'node-1'}"));
		}
		Api anonymous = api.withToken(null);
		Api viewer = api.withToken(secret("viewer", "viewer", "[]"));
		Api editor = api.withToken(secret("editor-of-demo", "editor", "['demo']"));
		List<Operation> operations = operations();
		assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(25);

		SoftAssertions soft = new SoftAssertions();
		for (Operation op : operations) {
			Reply none = send(anonymous, op, "demo");
			soft.assertThat(none.status()).as("no token: %s", op).isEqualTo(401);
			soft.assertThat(none.wwwAuthenticate()).as("challenge: %s", op).startsWith("Bearer realm=\"podnet\"");

			Reply asViewer = send(viewer, op, "demo");
			if (op.read() && !op.admin()) {
				soft.assertThat(asViewer.status()).as("viewer: %s %s", op, asViewer).isNotIn(401, 403);
			} else {
				soft.assertThat(asViewer.status()).as("viewer: %s", op).isEqualTo(403);
				soft.assertThat(asViewer.text("requiredRole")).as("role named: %s", op).isEqualTo(op.admin() ? "admin" : "editor");
			}

			Reply inScope = send(editor, op, "demo");
			if (op.admin() || op.createsCluster()) {
				soft.assertThat(inScope.status()).as("editor of demo: %s", op).isEqualTo(403);
			} else {
				soft.assertThat(inScope.status()).as("editor of demo: %s %s", op, inScope).isNotIn(401, 403);
			}
			if (op.clusterScoped()) {
				Reply outOfScope = send(editor, op, "other");
				soft.assertThat(outOfScope.status()).as("editor of demo on other: %s", op).isEqualTo(404);
				soft.assertThat(outOfScope.text("detail")).as("as if absent: %s", op).isEqualTo("cluster 'other' not found");
			}

			Reply asAdmin = send(api, op, "demo");
			soft.assertThat(asAdmin.status()).as("admin: %s %s", op, asAdmin).isNotIn(401, 403);
		}
		soft.assertAll();
		assertThat(api.get("/api/v1/clusters/other/nodes/node-1").status()).as("nothing deleted").isEqualTo(200);
	}

	@Test
	void listsShowOnlyTheClustersOfTheTokensScope() {
		for (String cluster : List.of("alpha", "beta", "gamma")) {
			api.post("/api/v1/clusters", json("{'name':'" + cluster + "','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		}
		Api scoped = api.withToken(secret("sees-beta-gamma", "viewer", "['gamma','beta','delta']"));
		assertThat(names(scoped.get("/api/v1/clusters"))).containsExactly("beta", "gamma");
		Reply firstPage = scoped.get("/api/v1/clusters?limit=1");
		assertThat(names(firstPage)).containsExactly("beta");
		assertThat(names(scoped.get("/api/v1/clusters?limit=1&continue=" + firstPage.text("metadata", "continue"))))
				.containsExactly("gamma");
		assertThat(names(api.get("/api/v1/clusters"))).containsExactly("alpha", "beta", "gamma");
		// a cluster out of scope answers exactly like one that does not exist
		Reply hidden = scoped.get("/api/v1/clusters/alpha");
		Reply absent = scoped.get("/api/v1/clusters/delta");
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.body()).isEqualTo(absent.body().replace("delta", "alpha"));
	}

	@Test
	void onlyAnEditorWithoutScopeCreatesClusters() {
		Api scoped = api.withToken(secret("scoped-editor", "editor", "['new-one']"));
		Reply refused = scoped.post("/api/v1/clusters", json("{'name':'new-one','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("detail")).contains("not limited to clusters");
		Api unscoped = api.withToken(secret("editor", "editor", "[]"));
		assertThat(unscoped.post("/api/v1/clusters", json("{'name':'new-one','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"))
				.status()).isEqualTo(201);
		assertThat(scoped.get("/api/v1/clusters/new-one").status()).isEqualTo(200);
	}

	private String secret(String name, String role, String clusters) {
		Reply created = api.post("/api/v1/tokens", json("{'name':'" + name + "','role':'" + role + "','clusters':" + clusters + "}"));
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return created.text("secret");
	}

	private static List<String> names(Reply list) {
		assertThat(list.status()).as("%s", list).isEqualTo(200);
		List<String> names = new ArrayList<>();
		list.json().path("items").forEach(item -> names.add(item.path("name").asString()));
		return names;
	}

	private static Reply send(Api caller, Operation op, String cluster) {
		String body = op.method().equals("POST") || op.method().equals("PUT") || op.method().equals("PATCH") ? "{}" : null;
		String contentType = op.method().equals("PATCH") ? "application/merge-patch+json" : "application/json";
		return caller.send(op.method(), op.path(cluster), body == null ? null : contentType, body);
	}

	private List<Operation> operations() {
		Reply spec = api.withToken(null).get("/v3/api-docs");
		assertThat(spec.status()).as("the OpenAPI document is public").isEqualTo(200);
		List<Operation> operations = new ArrayList<>();
		JsonNode paths = spec.json().path("paths");
		paths.propertyNames().forEach(path -> paths.path(path).propertyNames().forEach(method -> {
			if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
				operations.add(new Operation(method.toUpperCase(), path));
			}
		}));
		return operations;
	}
}

package io.podnet.api;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * No request reads without bound and no collection grows without bound: a list without limit is
 * one page of the default size, a limit above the maximum is refused, and a create past a
 * configured limit is 422 naming the limit and its value, changing nothing. The limits are set
 * small here (podnet.limits.*) to reach them.
 */
@TestPropertySource(properties = { "podnet.limits.default-page-size=3", "podnet.limits.max-page-size=5",
		"podnet.limits.clusters=2", "podnet.limits.nodes-per-cluster=2", "podnet.limits.user-routes-per-cluster=2" })
class LimitsIT extends IntegrationTest {

	@Test
	void aListWithoutLimitIsOnePageOfTheDefaultSizeWithAContinueToken() {
		cluster("demo");
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		for (int i = 0; i < 4; i++) {
			assertThat(api.post("/api/v1/clusters/demo/namespaces/default/pods",
					json("{'name':'pod-" + i + "','containers':[{'name':'c','image':'i'}]}")).status()).isEqualTo(201);
		}

		Reply first = api.get("/api/v1/clusters/demo/pods");
		assertThat(first.json().path("items").size()).isEqualTo(3);
		String token = first.text("metadata", "continue");
		assertThat(token).isNotNull();
		Reply rest = api.get("/api/v1/clusters/demo/pods?continue=" + token);
		assertThat(rest.json().path("items").size()).isEqualTo(1);
		assertThat(rest.json().path("metadata").has("continue")).isFalse();
	}

	@Test
	void aLimitAboveTheMaximumIsRefusedNamingTheRange() {
		cluster("demo");
		Reply reply = api.get("/api/v1/clusters/demo/nodes?limit=6");
		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.text("field")).isEqualTo("limit");
		assertThat(reply.text("detail")).contains("expected 1 to 5 (default 3)");
		assertThat(api.get("/api/v1/clusters/demo/nodes?limit=5").status()).isEqualTo(200);
	}

	@Test
	void aClusterPastTheLimitIs422NamingItAndIsNotCreated() {
		cluster("a");
		cluster("b");
		Reply third = api.post("/api/v1/clusters", json("{'name':'c','nodeNetwork':'10.100.0.0/24','podNetwork':"
				+ "'10.244.0.0/16'}"));
		assertLimit(third, "podnet.limits.clusters", 2);
		assertThat(api.get("/api/v1/clusters/c").status()).isEqualTo(404);
	}

	@Test
	void aNodePastTheLimitIs422AndTakesNoAddressNorSubnet() {
		cluster("demo");
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}"));

		assertLimit(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-3'}")), "podnet.limits.nodes-per-cluster",
				2);
		assertThat(api.get("/api/v1/clusters/demo/nodes/node-3").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/clusters/demo/routes").json().size()).as("connected + two node routes").isEqualTo(3);

		assertThat(api.delete("/api/v1/clusters/demo/nodes/node-2").status()).isEqualTo(204);
		Reply node3 = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-3'}"));
		assertThat(node3.status()).as("room again once one is gone").isEqualTo(201);
		assertThat(node3.text("podSubnet")).as("the refused create moved no cursor").isEqualTo("10.244.2.0/24");
	}

	@Test
	void aUserRoutePastTheLimitIs422() {
		cluster("demo");
		assertThat(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.9.0.0/16','type':'BLACKHOLE'}"))
				.status()).isEqualTo(201);
		assertThat(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.8.0.0/16','type':'BLACKHOLE'}"))
				.status()).isEqualTo(201);

		assertLimit(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.7.0.0/16','type':'BLACKHOLE'}")),
				"podnet.limits.user-routes-per-cluster", 2);
		assertThat(api.get("/api/v1/clusters/demo/routes").body()).doesNotContain("10.7.0.0/16");
	}

	private void cluster(String name) {
		assertThat(api.post("/api/v1/clusters", json("{'name':'" + name + "','nodeNetwork':'10.100.0.0/24','podNetwork':"
				+ "'10.244.0.0/16'}")).status()).isEqualTo(201);
	}

	private static void assertLimit(Reply reply, String limit, int value) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.text("type")).isEqualTo("urn:podnet:problem:limit-exceeded");
		assertThat(reply.text("limit")).isEqualTo(limit);
		assertThat(reply.json().path("limitValue").asInt()).isEqualTo(value);
		assertThat(reply.text("detail")).contains(limit + " = " + value);
	}
}

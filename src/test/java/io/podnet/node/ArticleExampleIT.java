package io.podnet.node;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The article's two-node example, end to end over HTTP. */
class ArticleExampleIT extends IntegrationTest {

	@Test
	void twoNodesGetTheArticlesAddressesSubnetsAndGatewayRoutes() {
		Reply cluster = api.post("/api/v1/clusters",
				json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		assertThat(cluster.status()).isEqualTo(201);
		assertThat(cluster.location()).isEqualTo("/api/v1/clusters/demo");
		assertThat(cluster.text("gateway")).isEqualTo("10.100.0.1");
		assertThat(cluster.json().path("nodeSubnets").path("total").asInt()).isEqualTo(256);

		Reply node1 = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}"));
		Reply node2 = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}"));

		assertThat(node1.status()).isEqualTo(201);
		assertThat(node1.text("address")).isEqualTo("10.100.0.2");
		assertThat(node1.text("podSubnet")).isEqualTo("10.244.0.0/24");
		assertThat(node1.text("bridge", "address")).isEqualTo("10.244.0.1");
		assertThat(node2.text("address")).isEqualTo("10.100.0.3");
		assertThat(node2.text("podSubnet")).isEqualTo("10.244.1.0/24");

		Reply routes = api.get("/api/v1/clusters/demo/routes");
		assertThat(routes.json().toString()).isEqualTo(json("["
				+ "{'destination':'10.100.0.0/24','device':'eth0','type':'CONNECTED'},"
				+ "{'destination':'10.244.0.0/24','nextHop':'10.100.0.2','device':'eth0','node':'node-1','type':'NODE','resourceVersion':'0'},"
				+ "{'destination':'10.244.1.0/24','nextHop':'10.100.0.3','device':'eth0','node':'node-2','type':'NODE','resourceVersion':'0'}]"));
	}
}

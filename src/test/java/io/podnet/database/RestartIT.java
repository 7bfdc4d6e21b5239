package io.podnet.database;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.PodnetApplication;
import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default setup keeps its data in an H2 file: clusters, nodes, routes and the next-fit cursors
 * survive a restart. Runs the real application twice on one file, as `./mvnw spring-boot:run`
 * would. Only in the H2 run of the suite: the PostgreSQL run has nothing to add.
 */
@Tag("h2-only")
class RestartIT {

	@TempDir
	Path data;

	@Test
	void dataAndNextFitCursorsSurviveARestart() {
		String url = "jdbc:h2:file:" + data.resolve("podnet").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

		runApplication(url, api -> {
			assertThat(api.post("/api/v1/clusters",
					json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/22'}")).status())
					.isEqualTo(201);
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}")).status()).isEqualTo(201);
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}")).status()).isEqualTo(201);
			// freed below the cursor: next-fit must not hand it out again before wrapping, even after a restart
			assertThat(api.delete("/api/v1/clusters/demo/nodes/node-1").status()).isEqualTo(204);
		});

		runApplication(url, api -> {
			Reply node2 = api.get("/api/v1/clusters/demo/nodes/node-2");
			assertThat(node2.status()).isEqualTo(200);
			assertThat(node2.text("address")).isEqualTo("10.100.0.3");
			assertThat(node2.text("podSubnet")).isEqualTo("10.244.1.0/24");
			assertThat(api.get("/api/v1/clusters/demo/nodes/node-1").status()).isEqualTo(404);
			assertThat(api.get("/api/v1/clusters/demo/routes").json().size()).as("connected + node-2").isEqualTo(2);

			Reply node3 = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-3'}"));
			assertThat(node3.status()).isEqualTo(201);
			assertThat(node3.text("address")).as("continues after the persisted address cursor").isEqualTo("10.100.0.4");
			assertThat(node3.text("podSubnet")).as("continues after the persisted subnet cursor").isEqualTo("10.244.2.0/24");
		});
	}

	@Test
	void eachFamilysCursorsSurviveARestart() {
		String url = "jdbc:h2:file:" + data.resolve("dual").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

		runApplication(url, api -> {
			assertThat(api.post("/api/v1/clusters", json("{'name':'demo','podNetworks':['10.244.0.0/22',"
					+ "'fd00:10:244::/62'],'nodeNetworks':['10.100.0.0/24','fd00:10:100::/64']}")).status()).isEqualTo(201);
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}")).status()).isEqualTo(201);
			assertThat(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}")).status()).isEqualTo(201);
			assertThat(api.delete("/api/v1/clusters/demo/nodes/node-1").status()).isEqualTo(204);
			for (String pod : new String[] { "a", "b" }) {
				assertThat(api.post("/api/v1/clusters/demo/namespaces/default/pods", json("{'name':'" + pod
						+ "','nodeName':'node-2','containers':[{'name':'c','image':'busybox'}]}")).status()).isEqualTo(201);
			}
			assertThat(api.delete("/api/v1/clusters/demo/namespaces/default/pods/a").status()).isEqualTo(204);
		});

		runApplication(url, api -> {
			Reply node3 = api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-3'}"));
			assertThat(node3.status()).isEqualTo(201);
			assertThat(node3.json().path("podSubnets").toString()).as("each family continues after its own cursor")
					.isEqualTo("[\"10.244.2.0/24\",\"fd00:10:244:2::/64\"]");
			assertThat(node3.json().path("addresses").toString()).isEqualTo("[\"10.100.0.4\",\"fd00:10:100::4\"]");
			Reply c = api.post("/api/v1/clusters/demo/namespaces/default/pods",
					json("{'name':'c','nodeName':'node-2','containers':[{'name':'c','image':'busybox'}]}"));
			assertThat(c.json().path("ips").toString()).as("pod IPs continue after each family's node cursor")
					.isEqualTo("[\"10.244.1.4\",\"fd00:10:244:1::4\"]");
		});
	}

	/** Runs the real application on that database for the calls, then stops it. */
	static void runApplication(String url, Consumer<Api> calls) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PodnetApplication.class)
				.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=sa",
						"--spring.datasource.password=", "--spring.main.banner-mode=off",
						"--podnet.admin-token=" + Api.ADMIN_TOKEN)) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			calls.accept(new Api(port));
		}
	}
}

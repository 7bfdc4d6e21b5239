package io.podnet.database;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api.Reply;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written before V7 moved each node's pod count, next-fit cursor and version into
 * node_pods keeps all three: the node shows the same pods and version, the next pod IP continues
 * after the old cursor, and the pod counters go on from there. Runs the real application on an H2
 * file brought to V6 by Flyway and filled with plain SQL, as a release before V7 would have left it.
 */
@Tag("h2-only")
class NodePodsMigrationIT {

	@TempDir
	Path data;

	@Test
	void podCountCursorAndVersionOfEveryNodeSurviveTheMove() throws Exception {
		String url = "jdbc:h2:file:" + data.resolve("podnet").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		Flyway.configure().dataSource(url, "sa", "").target("6").load().migrate();
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			update(db, "insert into cluster (id, name, ip_family, node_network, gateway, pod_network,"
					+ " node_subnet_prefix_length, max_pods_per_node, node_subnet_cursor, node_address_cursor, version,"
					+ " created_at) values (1, 'demo', 'IPv4', '10.100.0.0/24', '10.100.0.1', '10.244.0.0/22', 24, 110,"
					+ " ?, ?, 0, ?)", ip("10.244.1.0"), ip("10.100.0.3"), OffsetDateTime.now());
			// node-1: two pods, .4 and .5 handed out and deleted since (cursor at .5), changed 9 times
			node(db, 1, "node-1", "10.100.0.2", "10.244.0.0/24", 2, ip("10.244.0.5"), 9);
			node(db, 2, "node-2", "10.100.0.3", "10.244.1.0/24", 0, null, 0);
			pod(db, 1, "web", "10.244.0.2", "veth00000001");
			pod(db, 1, "db", "10.244.0.3", "veth00000002");
		}

		RestartIT.runApplication(url, api -> {
			Reply node1 = api.get("/api/v1/clusters/demo/nodes/node-1");
			assertThat(node1.json().path("pods").path("allocated").asInt()).isEqualTo(2);
			assertThat(node1.text("resourceVersion")).isEqualTo("9");
			assertThat(api.get("/api/v1/clusters/demo/nodes/node-2").text("resourceVersion")).isEqualTo("0");

			Reply onNode1 = api.post("/api/v1/clusters/demo/namespaces/default/pods",
					json("{'name':'cache','nodeName':'node-1','containers':[{'name':'redis','image':'redis:7'}]}"));
			assertThat(onNode1.status()).isEqualTo(201);
			assertThat(onNode1.text("ip")).as("after the migrated cursor, not the freed .4").isEqualTo("10.244.0.6");
			node1 = api.get("/api/v1/clusters/demo/nodes/node-1");
			assertThat(node1.json().path("pods").path("allocated").asInt()).isEqualTo(3);
			assertThat(node1.text("resourceVersion")).isEqualTo("10");

			Reply placed = api.post("/api/v1/clusters/demo/namespaces/default/pods",
					json("{'name':'batch','containers':[{'name':'job','image':'busybox'}]}"));
			assertThat(placed.text("nodeName")).as("placement reads the migrated pod counts").isEqualTo("node-2");

			assertThat(api.delete("/api/v1/clusters/demo/nodes/node-1?cascade=true").status()).isEqualTo(204);
			assertThat(api.get("/api/v1/clusters/demo/namespaces/default/pods/web").status()).isEqualTo(404);
		});
	}

	private static void node(Connection db, long id, String name, String address, String podSubnet, int pods,
			BigDecimal cursor, long version) throws Exception {
		String network = podSubnet.substring(0, podSubnet.indexOf('/'));
		update(db, "insert into node (id, cluster_id, name, address, address_value, pod_subnet, pod_subnet_value,"
				+ " pod_address_cursor, pod_count, version, created_at) values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
				name, address, ip(address), podSubnet, ip(network), cursor, pods, version, OffsetDateTime.now());
		update(db, "insert into gateway_route (cluster_id, destination, destination_value, prefix_length, type,"
				+ " next_hop, node_id, version) values (1, ?, ?, 24, 'NODE', ?, ?, 0)", podSubnet, ip(network), address,
				id);
	}

	private static void pod(Connection db, long nodeId, String name, String ip, String hostInterface)
			throws Exception {
		update(db, "insert into pod (cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers,"
				+ " version, created_at) values (1, ?, 'default', ?, ?, ?, ?, ?, 0, ?)", nodeId, name, ip, ip(ip),
				hostInterface, "[{\"name\":\"app\",\"image\":\"nginx\",\"ports\":[]}]", OffsetDateTime.now());
	}

	private static void update(Connection db, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

	private static BigDecimal ip(String address) throws Exception {
		return new BigDecimal(new BigInteger(1, InetAddress.getByName(address).getAddress()));
	}
}

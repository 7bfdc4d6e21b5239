package io.podnet.export;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.podnet.api.Names;
import io.podnet.support.IntegrationTest;
import io.podnet.support.SeededCases;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database refuses a name the API would refuse, written around the API with plain SQL: a
 * name that reaches the scripts must be a DNS-1123 label however it got there. And a value that
 * may legitimately hold odd characters, a container image, never reaches a script.
 */
class HostileNamesIT extends IntegrationTest {

	private static final String DEMO = "/api/v1/clusters/demo";
	private static final Pattern API_NAME = Pattern.compile(Names.DNS1123_LABEL);

	private long clusterId;
	private long nodeId;

	@BeforeEach
	void demoCluster() {
		api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}"));
		api.post(DEMO + "/nodes", json("{'name':'node-1'}"));
		clusterId = jdbc.queryForObject("select id from cluster where name = 'demo'", Long.class);
		nodeId = jdbc.queryForObject("select id from node where name = 'node-1'", Long.class);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "x';reboot;'", "$(reboot)", "`reboot`", "web\n", "web\nreboot", "web\r", "a b", "web;",
			"Web", "-web", "web-", "", "web.default", "web_1", "wéb", "web\u2028" })
	void everyNameColumnRefusesAHostileName(String name) {
		refused("ck_cluster_name", () -> insertCluster(name));
		refused("ck_node_name", () -> insertNode(name));
		refused("ck_node_pods_node_name", () -> jdbc.update("insert into node_pods (node_id, cluster_id, node_name, "
				+ "pod_count, pod_address_cursor, max_pods, version) values (?, ?, ?, 0, null, 110, 0)", insertNode("node-9"), clusterId,
				name));
		refused("ck_pod_namespace", () -> insertPod(name, "web", "veth0a1b2c3d"));
		refused("ck_pod_name", () -> insertPod("default", name, "veth0a1b2c3d"));
		refused("ck_pod_host_interface", () -> insertPod("default", "web", name));
	}

	@Test
	void namesThatTheApiAcceptsAreStoredAsTheyAre() {
		String longest = "a" + "-0".repeat(31);

		insertCluster(longest);
		insertNode("0");
		insertPod("kube-system", "9-lives", "veth0a1b2c3d");

		assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Integer.class, longest)).isOne();
		assertThat(api.get(DEMO + "/namespaces/kube-system/pods/9-lives").status()).isEqualTo(200);
	}

	/** What the API's rule (api/Names, at most 63 characters) accepts, the database accepts, and nothing else. */
	@Test
	void theDatabaseAcceptsExactlyTheNamesTheApiAccepts() {
		SeededCases.check("HostileNamesIT.theDatabaseAcceptsExactlyTheNamesTheApiAccepts", 300, HostileNamesIT::nearlyALabel,
				name -> {
					boolean api = API_NAME.matcher(name).matches();
					boolean database;
					try {
						insertCluster(name);
						database = true;
						jdbc.update("delete from cluster where name = ?", name);
					} catch (DataIntegrityViolationException refused) {
						assertThat(message(refused)).contains("ck_cluster_name");
						database = false;
					}
					assertThat(database).as("the database accepts \"%s\"", name).isEqualTo(api);
				});
	}

	@Test
	void aContainerImageNeverReachesTheScripts() {
		String image = "registry.local/x:1;$(reboot)`reboot`'\"|reboot\\";
		String body = JsonMapper.builder().build().writeValueAsString(Map.of("name", "web", "nodeName", "node-1",
				"containers", List.of(Map.of("name", "app", "image", image))));
		assertThat(api.post(DEMO + "/namespaces/default/pods", body).status()).isEqualTo(201);

		String pod = api.get(DEMO + "/namespaces/default/pods/web/ip-config").body();
		String cluster = api.get(DEMO + "/ip-config").body();

		assertThat(api.get(DEMO + "/namespaces/default/pods/web").body()).contains("reboot");
		assertThat(pod).contains("ip link add veth").doesNotContain("reboot", "registry.local");
		assertThat(cluster).contains("pod.default.web").doesNotContain("reboot", "registry.local");
	}

	private void refused(String constraint, Runnable insert) {
		DataIntegrityViolationException refused = catchThrowableOfType(DataIntegrityViolationException.class,
				insert::run);

		assertThat(refused).as(constraint).isNotNull();
		assertThat(message(refused)).contains(constraint);
	}

	/** The database's own message, lower-cased: H2 and PostgreSQL both name the constraint in it. */
	private static String message(DataIntegrityViolationException refused) {
		return refused.getMostSpecificCause().getMessage().toLowerCase(Locale.ROOT);
	}

	private void insertCluster(String name) {
		jdbc.update("insert into cluster (name, ip_family, node_network, gateway, pod_network, node_subnet_prefix_length,"
				+ " max_pods_per_node, version, created_at) values (?, 'IPv4', '10.100.0.0/24', '10.100.0.1', "
				+ "'10.244.0.0/16', 24, 110, 0, current_timestamp)", name);
	}

	/** A node row of the demo cluster, without its node_pods row; its id. */
	private long insertNode(String name) {
		jdbc.update("insert into node (cluster_id, name, address, address_value, pod_subnet, pod_subnet_value, created_at)"
				+ " values (?, ?, '10.100.0.50', 174325810, '10.244.50.0/24', 183775744, current_timestamp)", clusterId, name);
		return jdbc.queryForObject("select id from node where cluster_id = ? and name = ?", Long.class, clusterId, name);
	}

	private void insertPod(String namespace, String name, String hostInterface) {
		jdbc.update("insert into pod (cluster_id, node_id, namespace, name, ip, ip_value, host_interface, containers,"
				+ " version, created_at) values (?, ?, ?, ?, '10.244.0.9', 183762953, ?, '[]', 0, current_timestamp)",
				clusterId, nodeId, namespace, name, hostInterface);
	}

	/**
	 * A DNS-1123 label (1 to 63 characters), or one a step away from it: a character a label may not
	 * hold put anywhere, '-' at an end, an upper-case letter, a trailing newline.
	 */
	private static String nearlyALabel(SplittableRandom random) {
		String inner = "-abcdefghijklmnopqrstuvwxyz0123456789";
		String end = "abcdefghijklmnopqrstuvwxyz0123456789";
		int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 63);
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < length; i++) {
			String from = i == 0 || i == length - 1 ? end : inner;
			name.append(from.charAt(random.nextInt(from.length())));
		}
		String odd = "-\n\r\t ._/'\"$`;AZ\u00e9\u0131\u212a\u2028\u0085\u007f";
		switch (random.nextInt(6)) {
			case 0, 1 -> {
			}
			case 2 -> name.setCharAt(random.nextInt(name.length()), odd.charAt(random.nextInt(odd.length())));
			case 3 -> name.insert(random.nextBoolean() ? 0 : name.length(), '-');
			case 4 -> name.append('\n');
			default -> name.insert(random.nextInt(name.length() + 1), odd.charAt(random.nextInt(odd.length())));
		}
		return name.length() > 63 ? name.substring(0, 63) : name.toString();
	}
}

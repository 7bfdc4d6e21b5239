package io.podnet.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stable operation ids: a generated client's method names (createPod, listClusterPods) are its API,
 * so they must not follow the Java method names springdoc would take (create, list_3), which change
 * when a controller is refactored. Named here, by method and path, rather than on each controller;
 * an operation missing from the table gets a name made from its method and path (patchCluster),
 * and the spec tests check that ids are unique.
 */
final class OperationIds {

	private static final String CLUSTER = "/api/v1/clusters/{cluster}";
	private static final String POD = CLUSTER + "/namespaces/{namespace}/pods/{pod}";
	private static final String NODE = CLUSTER + "/nodes/{node}";

	private static final Map<String, String> NAMES = Map.ofEntries(
			Map.entry("POST /api/v1/clusters", "createCluster"),
			Map.entry("GET /api/v1/clusters", "listClusters"),
			Map.entry("GET " + CLUSTER, "getCluster"),
			Map.entry("PATCH " + CLUSTER, "patchCluster"),
			Map.entry("DELETE " + CLUSTER, "deleteCluster"),
			Map.entry("POST " + CLUSTER + "/nodes", "createNode"),
			Map.entry("GET " + CLUSTER + "/nodes", "listNodes"),
			Map.entry("GET " + NODE, "getNode"),
			Map.entry("PATCH " + NODE, "patchNode"),
			Map.entry("DELETE " + NODE, "deleteNode"),
			Map.entry("GET " + NODE + "/routes", "getNodeRoutes"),
			Map.entry("GET " + NODE + "/cni-config", "getNodeCniConfig"),
			Map.entry("GET " + NODE + "/ip-config", "getNodeIpConfig"),
			Map.entry("POST " + CLUSTER + "/namespaces/{namespace}/pods", "createPod"),
			Map.entry("GET " + CLUSTER + "/namespaces/{namespace}/pods", "listPods"),
			Map.entry("GET " + CLUSTER + "/pods", "listClusterPods"),
			Map.entry("GET " + POD, "getPod"),
			Map.entry("PATCH " + POD, "patchPod"),
			Map.entry("DELETE " + POD, "deletePod"),
			Map.entry("GET " + POD + "/routes", "getPodRoutes"),
			Map.entry("GET " + POD + "/ip-config", "getPodIpConfig"),
			Map.entry("POST " + CLUSTER + "/routes", "createRoute"),
			Map.entry("GET " + CLUSTER + "/routes", "listGatewayRoutes"),
			Map.entry("DELETE " + CLUSTER + "/routes/{destination}", "deleteRoute"),
			Map.entry("GET " + CLUSTER + "/paths", "tracePath"),
			Map.entry("GET " + CLUSTER + "/paths.svg", "getPathPicture"),
			Map.entry("GET " + CLUSTER + "/topology.svg", "getTopologyPicture"),
			Map.entry("GET " + CLUSTER + "/reachability", "getReachability"),
			Map.entry("POST " + CLUSTER + "/what-if", "whatIf"),
			Map.entry("POST " + CLUSTER + "/families", "addClusterFamily"),
			Map.entry("DELETE " + CLUSTER + "/families/{family}", "removeClusterFamily"),
			Map.entry("GET " + CLUSTER + "/gateway/ip-config", "getGatewayIpConfig"),
			Map.entry("GET " + CLUSTER + "/ip-config", "getClusterIpConfig"),
			Map.entry("POST /api/v1/tokens", "createToken"),
			Map.entry("GET /api/v1/tokens", "listTokens"),
			Map.entry("GET /api/v1/tokens/{token}", "getToken"),
			Map.entry("DELETE /api/v1/tokens/{token}", "deleteToken"),
			Map.entry("GET /api/v1/audit", "listAuditEvents"),
			Map.entry("GET /api/v1/backup", "downloadBackup"));

	private OperationIds() {
	}

	static void assign(OpenAPI openApi) {
		Set<String> taken = new HashSet<>();
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			String id = NAMES.getOrDefault(method + " " + path, derived(method, path));
			if (!taken.add(id)) {
				throw new IllegalStateException("two operations would be called " + id + "; name " + method + " " + path
						+ " in OperationIds");
			}
			operation.setOperationId(id);
		}));
	}

	/** For an operation not in the table: verb and the path's literal segments, e.g. patchClusterNode. */
	static String derived(HttpMethod method, String path) {
		boolean item = path.endsWith("}");
		String verb = switch (method) {
			case POST -> "create";
			case GET -> item ? "get" : "list";
			default -> method.name().toLowerCase(Locale.ROOT);
		};
		List<String> words = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty() && !segment.startsWith("{") && !segment.equals("api") && !segment.matches("v[0-9]+")) {
				for (String word : segment.split("-")) {
					words.add(Character.toUpperCase(word.charAt(0)) + word.substring(1));
				}
			}
		}
		return verb + String.join("", words);
	}
}

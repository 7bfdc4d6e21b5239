package io.podnet.bench;

/** The paths and request bodies of podnet's API that the benchmark sends. */
final class Api {

	static final String CLUSTERS = "/api/v1/clusters";

	private Api() {
	}

	static String cluster(String name) {
		return CLUSTERS + "/" + name;
	}

	/** A cluster; nodeSubnetPrefixLength null leaves the service's default. */
	static String clusterBody(String name, String nodeNetwork, String podNetwork, Integer nodeSubnetPrefixLength) {
		return "{\"name\":\"" + name + "\",\"nodeNetwork\":\"" + nodeNetwork + "\",\"podNetwork\":\"" + podNetwork
				+ "\"" + (nodeSubnetPrefixLength == null ? "" : ",\"nodeSubnetPrefixLength\":" + nodeSubnetPrefixLength)
				+ "}";
	}

	static String nodeName(int k) {
		return "node-" + k;
	}

	static String nodes(String cluster) {
		return cluster + "/nodes";
	}

	static String node(String cluster, String name) {
		return nodes(cluster) + "/" + name;
	}

	static String nodeBody(String name) {
		return "{\"name\":\"" + name + "\"}";
	}

	static String pods(String cluster, String namespace) {
		return cluster + "/namespaces/" + namespace + "/pods";
	}

	/** A pod given as {namespace, name}. */
	static String pod(String cluster, String[] pod) {
		return pods(cluster, pod[0]) + "/" + pod[1];
	}

	static String podBody(String name, String node) {
		return "{\"name\":\"" + name + "\",\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"app\","
				+ "\"image\":\"registry.example/app:1.0\",\"ports\":[{\"containerPort\":8080}]}]}";
	}

	/** A page of the cluster's pods in all namespaces; a null token asks for the first page. */
	static String podPage(String cluster, int limit, String token) {
		return cluster + "/pods?limit=" + limit + (token == null ? "" : "&continue=" + Http.enc(token));
	}

	/** The path between two pods, each given as {namespace, name}. */
	static String path(String cluster, String[] from, String[] to) {
		return cluster + "/paths?from=" + Http.enc(from[0] + "/" + from[1]) + "&to=" + Http.enc(to[0] + "/" + to[1])
				+ "&port=8080";
	}
}

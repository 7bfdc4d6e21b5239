package io.podnet.picture;

import java.util.List;

/**
 * What a topology picture shows, as plain values: the gateway with the routes drawn, the node
 * network, and the nodes with their bridges and pods. Bounded by whoever builds it: a scene
 * says how much it leaves out ({@code moreRoutes}, a node's {@code morePods}) rather than
 * holding a whole large cluster.
 *
 * @param cluster the cluster's name
 * @param nodeNetwork the node network, e.g. 10.100.0.0/24
 * @param gateway the gateway's eth0 address, e.g. 10.100.0.1
 * @param podNetwork the pod network (cluster CIDR), e.g. 10.244.0.0/16
 * @param routes the gateway's routes drawn, in table order
 * @param moreRoutes routes of the gateway's table not drawn
 * @param nodes the nodes drawn, by name
 * @param scope what the picture is limited to ("node node-1", "namespace default"), or null
 */
record Scene(String cluster, String nodeNetwork, String gateway, String podNetwork, List<RouteRow> routes,
		long moreRoutes, List<NodeBox> nodes, String scope) implements Drawing {

	@Override
	public String svg() {
		return TopologyPicture.svg(this);
	}

	/** A gateway route as ip(8) prints it; user routes are the ones people added and are marked. */
	record RouteRow(String label, boolean user) {
	}

	/**
	 * A node: eth0 on the node network, cbr0 holding the first address of its pod subnet.
	 *
	 * @param bridge cbr0's address with the subnet's prefix length, e.g. 10.244.0.1/24
	 * @param morePods pods of the node that are not drawn
	 */
	record NodeBox(String name, String address, String bridge, List<PodBox> pods, long morePods) {
	}

	/**
	 * A pod: eth0 with its IP inside, the host end of its veth on the bridge.
	 *
	 * @param name namespace/name
	 */
	record PodBox(String name, String ip, String veth) {
	}
}

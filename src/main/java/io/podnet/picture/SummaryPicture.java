package io.podnet.picture;

import io.podnet.node.NodeUsage;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * A cluster too large to draw node by node (Kubernetes goes to 5,000 nodes and 150,000 pods):
 * its totals, the gateway with the routes users added, how full the nodes are, and the fullest
 * and emptiest nodes, each a link to its own picture (?node=). The same size whatever the
 * cluster's, a few tens of kB.
 */
final class SummaryPicture {

	static final int LISTED = 15;
	private static final int WIDTH = 1040;
	private static final int BAR = 300;
	private static final String[] BUCKETS = { "empty", "1-10%", "11-20%", "21-30%", "31-40%", "41-50%", "51-60%",
			"61-70%", "71-80%", "81-90%", "91-99%", "full" };

	private SummaryPicture() {
	}

	static String svg(ClusterSummary summary) {
		int routeRows = summary.userRoutes().size() + (summary.userRouteCount() > summary.userRoutes().size() ? 1 : 0);
		double gatewayHeight = 4 * Layout.LINE + 12 + routeRows * Layout.LINE;
		double histogramTop = 120 + gatewayHeight + 30;
		double listsTop = histogramTop + (BUCKETS.length + 1) * Layout.LINE + 30;
		int height = (int) (listsTop + (LISTED + 3) * Layout.LINE + Layout.MARGIN);
		Svg svg = new Svg(WIDTH, height, "Cluster " + summary.cluster() + ": summary of " + summary.nodes().size()
				+ " nodes", description(summary));
		double x = Layout.MARGIN;
		double inner = WIDTH - 2 * Layout.MARGIN;
		svg.text(x, 28, "Cluster " + summary.cluster() + ": " + count(summary.nodes().size(), "node") + ", "
				+ count(summary.pods(), "pod") + " (summary; open a node for its picture)", inner, "heading");
		svg.group("class", "totals");
		svg.text(x, 52, "node network " + summary.nodeNetwork() + " · gateway " + summary.gateway() + " · pod network "
				+ summary.podNetwork(), inner, null);
		svg.text(x, 70, "node subnets: " + summary.nodes().size() + " used of " + summary.nodeSubnets() + ", "
				+ summary.nodeSubnets().subtract(BigInteger.valueOf(summary.nodes().size())) + " free", inner,
				null);
		svg.text(x, 88, "pod addresses: " + summary.pods() + " used of " + summary.podAddresses() + ", "
				+ (summary.podAddresses() - summary.pods()) + " free on the nodes", inner, null);
		svg.end();
		gateway(svg, summary, 110, gatewayHeight);
		histogram(svg, summary, histogramTop);
		List<NodeUsage> fullest = summary.nodes().stream()
				.sorted(Comparator.comparingDouble(SummaryPicture::fullness).reversed().thenComparing(NodeUsage::node))
				.limit(LISTED).toList();
		List<NodeUsage> emptiest = summary.nodes().stream()
				.sorted(Comparator.comparingDouble(SummaryPicture::fullness).thenComparing(NodeUsage::node))
				.limit(LISTED).toList();
		nodeList(svg, "Fullest nodes", fullest, x, listsTop);
		nodeList(svg, "Nodes with the most room", emptiest, x + inner / 2 + 10, listsTop);
		svg.text(x, listsTop + (LISTED + 2) * Layout.LINE, "Any node: topology.svg?node=NAME (the console lists them)",
				inner, "small");
		return svg.finish();
	}

	private static String description(ClusterSummary summary) {
		return "Summary of cluster " + summary.cluster() + ": " + count(summary.nodes().size(), "node") + ", "
				+ count(summary.pods(), "pod") + ", " + (summary.podAddresses() - summary.pods()) + " pod addresses free, "
				+ summary.userRouteCount() + " user routes on the gateway.";
	}

	private static void gateway(Svg svg, ClusterSummary summary, double top, double height) {
		double x = Layout.MARGIN;
		double width = WIDTH - 2 * Layout.MARGIN;
		svg.group("class", "device gateway", "data-name", "gateway");
		svg.rect(x, top, width, height, "box gateway");
		svg.text(x + 12, top + 20, "gateway", width - 24, "name");
		svg.text(x + 12, top + 38, "eth0 " + summary.gateway(), width - 24, null);
		svg.text(x + 12, top + 56, "route table: " + summary.nodes().size() + " node routes (one per node subnet, "
				+ "via the node), " + summary.userRouteCount() + " user routes:", width - 24, "small");
		double y = top + 56 + Layout.LINE;
		for (Scene.RouteRow route : summary.userRoutes()) {
			svg.group("class", "route user-route");
			svg.text(x + 20, y, "★ " + route.label() + "  (user route)", width - 32, "user");
			svg.end();
			y += Layout.LINE;
		}
		long more = summary.userRouteCount() - summary.userRoutes().size();
		if (more > 0) {
			svg.text(x + 20, y, "… and " + more + " more user routes", width - 32, "more");
		}
		svg.end();
	}

	/** How many nodes are how full, in tenths, with the empty and the full apart. */
	private static void histogram(Svg svg, ClusterSummary summary, double top) {
		long[] counts = new long[BUCKETS.length];
		for (NodeUsage node : summary.nodes()) {
			counts[bucket(node)]++;
		}
		long most = 1;
		for (long count : counts) {
			most = Math.max(most, count);
		}
		double x = Layout.MARGIN;
		svg.group("class", "histogram");
		svg.text(x, top, "Nodes by how full their pod subnets are", 600, "name");
		double y = top + Layout.LINE;
		for (int i = 0; i < BUCKETS.length; i++) {
			svg.text(x, y + 12, BUCKETS[i], 8, null);
			svg.rect(x + 70, y, BAR, 14, "track");
			if (counts[i] > 0) {
				svg.rect(x + 70, y, Math.max(2, BAR * counts[i] / (double) most), 14, "bar");
			}
			svg.text(x + 80 + BAR, y + 12, count(counts[i], "node"), 20, null);
			y += Layout.LINE;
		}
		svg.end();
	}

	private static void nodeList(Svg svg, String heading, List<NodeUsage> nodes, double x, double top) {
		double width = WIDTH / 2.0 - 40;
		svg.group("class", "node-list");
		svg.text(x, top, heading, width, "name");
		double y = top + Layout.LINE;
		for (NodeUsage node : nodes) {
			svg.group("class", "node-summary", "data-name", node.node());
			svg.link("topology.svg?node=" + URLEncoder.encode(node.node(), StandardCharsets.UTF_8));
			svg.text(x, y + 11, node.node(), 28, null);
			svg.endLink();
			svg.rect(x + 215, y + 1, 120, 12, "track");
			if (node.pods() > 0) {
				svg.rect(x + 215, y + 1, Math.max(2, 120 * fullness(node)), 12, "bar");
			}
			svg.text(x + 345, y + 11, node.pods() + "/" + node.podAddresses() + " pods", 20, "small");
			svg.end();
			y += Layout.LINE;
		}
		svg.end();
	}

	/** "1 pod", "3 pods". */
	static String count(long count, String noun) {
		return count + " " + noun + (count == 1 ? "" : "s");
	}

	private static double fullness(NodeUsage node) {
		return node.podAddresses() == 0 ? 1 : Math.min(1, node.pods() / (double) node.podAddresses());
	}

	private static int bucket(NodeUsage node) {
		if (node.pods() == 0) {
			return 0;
		}
		if (node.pods() >= node.podAddresses()) {
			return BUCKETS.length - 1;
		}
		return Math.min(BUCKETS.length - 2, 1 + (int) Math.ceil(fullness(node) * 10) - 1);
	}
}

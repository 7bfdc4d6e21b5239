package io.podnet.picture;

import io.podnet.picture.Layout.Box;
import io.podnet.picture.Layout.NodePlace;
import io.podnet.picture.Scene.PodBox;
import io.podnet.picture.Scene.RouteRow;

/**
 * Draws a {@link Scene} where its {@link Layout} puts things: the article's figure of the
 * gateway, the node network, each node's eth0 and cbr0, and a veth per pod. Every element that
 * stands for a device carries a class and data-name, which the console and the tests find it by.
 */
final class TopologyPicture {

	private TopologyPicture() {
	}

	/** The whole picture of the scene. */
	static String svg(Scene scene) {
		Layout layout = Layout.of(scene);
		Svg svg = new Svg(layout.width, layout.height, title(scene), description(scene));
		draw(svg, layout);
		return svg.finish();
	}

	static String title(Scene scene) {
		return "Cluster " + scene.cluster() + (scene.scope() == null ? "" : ", " + scene.scope());
	}

	/** The picture in words, for a screen reader: the gateway, then each node with its pods. */
	static String description(Scene scene) {
		StringBuilder words = new StringBuilder("Node network ").append(scene.nodeNetwork()).append(" with gateway ")
				.append(scene.gateway()).append(" and ").append(SummaryPicture.count(scene.nodes().size(), "node"))
				.append(" drawn. ");
		for (Scene.NodeBox node : scene.nodes()) {
			words.append(node.name()).append(": eth0 ").append(node.address()).append(", cbr0 ").append(node.bridge())
					.append(", ").append(SummaryPicture.count(node.pods().size() + node.morePods(), "pod")).append(". ");
		}
		return words.toString().strip();
	}

	/** Draws the scene onto a picture already started (a path picture draws on top of it). */
	static void draw(Svg svg, Layout layout) {
		Scene scene = layout.scene;
		double inner = layout.width - 2 * Layout.MARGIN;
		svg.text(Layout.MARGIN, 28, title(scene), inner, "heading");
		svg.text(Layout.MARGIN, 48, "node network " + scene.nodeNetwork() + " · pod network " + scene.podNetwork(),
				inner, "small");
		gateway(svg, layout);
		nodeNetwork(svg, layout);
		for (NodePlace place : layout.nodes) {
			node(svg, place);
		}
	}

	private static void gateway(Svg svg, Layout layout) {
		Box box = layout.gateway;
		Scene scene = layout.scene;
		double x = box.x() + 12;
		double width = box.width() - 24;
		svg.group("class", "device gateway", "data-name", "gateway");
		svg.rect(box.x(), box.y(), box.width(), box.height(), "box gateway");
		svg.text(x, box.y() + 20, "gateway", width, "name");
		svg.text(x, box.y() + 38, "eth0 " + scene.gateway(), width, null);
		svg.text(x, box.y() + 56, "route table (" + (scene.routes().size() + scene.moreRoutes()) + " routes):", width,
				"small");
		double y = box.y() + 56 + Layout.LINE;
		for (RouteRow route : scene.routes()) {
			svg.group("class", route.user() ? "route user-route" : "route");
			svg.text(x + 8, y, (route.user() ? "★ " : "  ") + route.label() + (route.user() ? "  (user route)" : ""),
					width - 8, route.user() ? "user" : null);
			svg.end();
			y += Layout.LINE;
		}
		if (scene.moreRoutes() > 0) {
			svg.text(x + 8, y, "… and " + scene.moreRoutes() + " more routes", width - 8, "more");
		}
		svg.end();
	}

	/** One line per row of nodes, joined on the left: one L2 segment, as in the article. */
	private static void nodeNetwork(Svg svg, Layout layout) {
		double first = layout.segments.get(0);
		double last = layout.segments.get(layout.segments.size() - 1);
		svg.group("class", "node-network", "data-name", layout.scene.nodeNetwork());
		svg.line(layout.gatewayPortX, layout.gateway.bottom(), layout.gatewayPortX, first, "wire");
		for (double y : layout.segments) {
			svg.line(Layout.MARGIN - 8, y, layout.width - Layout.MARGIN, y, "segment");
		}
		if (last > first) {
			svg.line(Layout.MARGIN - 8, first, Layout.MARGIN - 8, last, "segment");
		}
		// at the line's right end: the gateway's matched route is written by its port on a path picture
		String label = "node network " + layout.scene.nodeNetwork();
		svg.text(Math.max(layout.gatewayPortX + 12, layout.width - Layout.MARGIN - label.length() * Svg.CHAR_WIDTH),
				first - 8, label, 400.0, "small");
		svg.end();
	}

	private static void node(Svg svg, NodePlace place) {
		Box box = place.box();
		Scene.NodeBox node = place.node();
		double x = box.x() + 12;
		double width = box.width() - 24;
		svg.group("class", "device node", "data-name", node.name());
		svg.line(place.eth0X(), place.segmentY(), place.eth0X(), box.y(), "wire");
		svg.rect(box.x(), box.y(), box.width(), box.height(), "box node");
		svg.rect(place.eth0X() - 6, box.y() - 6, 12, 12, "box");
		svg.text(x, box.y() + 20, node.name(), width, "name");
		svg.text(x, box.y() + 40, "eth0 " + node.address(), width, null);
		Box bridge = place.bridge();
		svg.group("class", "bridge", "data-name", node.name() + " cbr0");
		svg.rect(bridge.x(), bridge.y(), bridge.width(), bridge.height(), "box bridge");
		svg.text(bridge.x() + 30, bridge.y() + 17, "cbr0 " + node.bridge(), bridge.width() - 36, null);
		svg.end();
		if (!place.pods().isEmpty()) {
			svg.line(place.trunkX(), bridge.bottom(), place.trunkX(), place.pods().get(place.pods().size() - 1).middleY(),
					"wire");
		}
		for (int i = 0; i < place.pods().size(); i++) {
			pod(svg, place, node.pods().get(i), place.pods().get(i));
		}
		if (node.morePods() > 0) {
			double y = place.pods().isEmpty() ? bridge.bottom() + 18 : place.pods().get(place.pods().size() - 1).bottom() + 18;
			svg.text(x + 40, y, "… and " + node.morePods() + " more pods", width - 40, "more");
		}
		svg.end();
	}

	private static void pod(Svg svg, NodePlace place, PodBox pod, Box box) {
		double x = box.x() + 8;
		double width = box.width() - 16;
		svg.group("class", "device pod", "data-name", pod.name());
		svg.line(place.trunkX(), box.middleY(), box.x(), box.middleY(), "wire");
		svg.rect(box.x(), box.y(), box.width(), box.height(), "box pod");
		svg.text(x, box.y() + 16, pod.name(), width, "name");
		svg.text(x, box.y() + 32, "eth0 " + pod.ip(), width, null);
		svg.text(x, box.y() + 47, "veth " + pod.veth() + " on cbr0", width, "small");
		svg.end();
	}
}

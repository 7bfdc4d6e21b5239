package io.podnet.picture;

import io.podnet.picture.Scene.NodeBox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of a {@link Scene} goes, in px, the way the article draws it: the gateway and
 * its route table on top, the node network as a line below it, and the nodes hanging from that
 * line in rows of {@value #COLUMNS}, each with eth0 on the line, cbr0 inside and a veth down to
 * every pod. Also where a packet enters each device ({@link #anchor}), for drawing a path.
 */
final class Layout {

	static final int MARGIN = 20;
	static final int LINE = 18;
	static final int GATEWAY_WIDTH = 500;
	static final int NODE_WIDTH = 330;
	static final int NODE_GAP = 30;
	static final int COLUMNS = 4;
	static final int POD_HEIGHT = 52;
	static final int POD_GAP = 10;
	/** Room above the gateway for the picture's heading and the cluster's networks. */
	private static final int HEADER = 64;
	private static final int GATEWAY_HEADER = 3 * LINE + 12;
	private static final int SEGMENT_DROP = 36;
	private static final int BRIDGE_TOP = 54;
	private static final int BRIDGE_HEIGHT = 26;

	record Box(double x, double y, double width, double height) {

		double bottom() {
			return y + height;
		}

		double middleY() {
			return y + height / 2;
		}
	}

	record Point(double x, double y) {
	}

	/** A node's place: its box, the node network line its row hangs from, its bridge and its pods. */
	record NodePlace(NodeBox node, Box box, double segmentY, Box bridge, List<Box> pods, double trunkX) {

		double eth0X() {
			return box.x() + box.width() / 2;
		}
	}

	final Scene scene;
	final Box gateway;
	final double gatewayPortX;
	final List<Double> segments = new ArrayList<>();
	final List<NodePlace> nodes = new ArrayList<>();
	final int width;
	final int height;
	private final Map<String, Point> anchors = new HashMap<>();

	private Layout(Scene scene, int minWidth) {
		this.scene = scene;
		int rows = scene.routes().size() + (scene.moreRoutes() > 0 ? 1 : 0);
		gateway = new Box(MARGIN, HEADER, GATEWAY_WIDTH, GATEWAY_HEADER + rows * LINE + 8);
		gatewayPortX = gateway.x() + 40;
		anchors.put(key("gateway", "eth0"), new Point(gatewayPortX, gateway.bottom()));
		anchors.put(key("gateway", null), new Point(gatewayPortX, gateway.bottom()));
		double segmentY = gateway.bottom() + 40;
		int columns = Math.max(1, Math.min(COLUMNS, scene.nodes().size()));
		int widest = Math.max(Math.max(GATEWAY_WIDTH, columns * NODE_WIDTH + (columns - 1) * NODE_GAP) + 2 * MARGIN,
				minWidth);
		double bottom = segmentY;
		for (int first = 0; first < scene.nodes().size(); first += COLUMNS) {
			segments.add(segmentY);
			double rowBottom = segmentY;
			List<NodeBox> row = scene.nodes().subList(first, Math.min(scene.nodes().size(), first + COLUMNS));
			for (int column = 0; column < row.size(); column++) {
				NodePlace place = place(row.get(column), MARGIN + column * (NODE_WIDTH + NODE_GAP), segmentY);
				nodes.add(place);
				rowBottom = Math.max(rowBottom, place.box().bottom());
			}
			bottom = rowBottom;
			segmentY = rowBottom + 50;
		}
		if (segments.isEmpty()) {
			segments.add(segmentY);
		}
		width = widest;
		height = (int) Math.ceil(bottom + MARGIN + 10);
	}

	static Layout of(Scene scene) {
		return new Layout(scene, 0);
	}

	/** A layout at least {@code minWidth} px wide, for a picture with text below the network. */
	static Layout of(Scene scene, int minWidth) {
		return new Layout(scene, minWidth);
	}

	private NodePlace place(NodeBox node, double x, double segmentY) {
		double top = segmentY + SEGMENT_DROP;
		Box bridge = new Box(x + 12, top + BRIDGE_TOP, NODE_WIDTH - 24, BRIDGE_HEIGHT);
		double trunkX = x + 30;
		List<Box> pods = new ArrayList<>();
		double y = bridge.bottom() + 14;
		for (Scene.PodBox pod : node.pods()) {
			Box box = new Box(x + 52, y, NODE_WIDTH - 64, POD_HEIGHT);
			pods.add(box);
			// on the veth, just outside the pod's box: a hop's number there hides none of the pod's text
			anchors.put(key("pod " + pod.name(), null), new Point((trunkX + box.x()) / 2, box.middleY()));
			y += POD_HEIGHT + POD_GAP;
		}
		if (node.morePods() > 0) {
			y += LINE;
		}
		Box box = new Box(x, top, NODE_WIDTH, y - top + 4);
		anchors.put(key(node.name(), "eth0"), new Point(x + NODE_WIDTH / 2.0, top));
		anchors.put(key(node.name(), "cbr0"), new Point(trunkX, bridge.middleY()));
		anchors.put(key(node.name(), null), new Point(x + NODE_WIDTH / 2.0, top + 30));
		return new NodePlace(node, box, segmentY, bridge, pods, trunkX);
	}

	/**
	 * Where a packet meets that interface of that device in the picture: a pod's box whatever the
	 * interface, a node's eth0 port or bridge, the gateway's port; null if the device is not drawn.
	 */
	Point anchor(String device, String interfaceName) {
		Point point = anchors.get(key(device, device.startsWith("pod ") ? null : interfaceName));
		return point != null ? point : anchors.get(key(device, null));
	}

	private static String key(String device, String interfaceName) {
		return interfaceName == null ? device : device + "\u0000" + interfaceName;
	}
}

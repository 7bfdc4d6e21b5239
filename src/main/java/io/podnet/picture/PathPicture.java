package io.podnet.picture;

import io.podnet.path.DeviceKind;
import io.podnet.paths.PathView;
import io.podnet.paths.PathView.HopView;
import io.podnet.picture.Layout.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * A path drawn on the topology: a red line through the interfaces the packet crosses, a numbered
 * circle per hop, the route each router matched written beside it (and marked in the gateway's
 * table), a ring where the packet stops, and below the network the hops, the disposition and the
 * explanation in words.
 */
final class PathPicture {

	private static final int MIN_WIDTH = 960;
	private static final int MAX_EXPLANATION_LINES = 12;

	private PathPicture() {
	}

	static String svg(Scene scene, PathView path) {
		Layout layout = Layout.of(scene, MIN_WIDTH);
		double textWidth = layout.width - 2 * Layout.MARGIN;
		List<String> explanation = wrap(path.explanation() == null ? "" : path.explanation(), Svg.fitting(textWidth));
		int legendLines = 3 + path.hops().size() + 1 + explanation.size();
		int height = layout.height + 20 + legendLines * Layout.LINE + Layout.MARGIN;
		Svg svg = new Svg(layout.width, height, "Path from " + path.source().pod() + " to " + destination(path) + ": "
				+ path.disposition(), path.explanation() == null ? "" : path.explanation());
		TopologyPicture.draw(svg, layout);
		overlay(svg, layout, path);
		legend(svg, layout, path, explanation, layout.height + 20);
		return svg.finish();
	}

	static String destination(PathView path) {
		PathView.Endpoint to = path.destination();
		String where = to.pod() != null ? to.pod() + " (" + to.address() + ")" : to.address();
		return where + (to.port() == null ? "" : " port " + to.port() + "/" + to.protocol());
	}

	private static void overlay(Svg svg, Layout layout, PathView path) {
		List<Double> line = new ArrayList<>();
		List<Point> hopPoints = new ArrayList<>();
		for (HopView hop : path.hops()) {
			Point in = hop.inInterface() == null ? null : layout.anchor(hop.device(), hop.inInterface());
			Point out = hop.outInterface() == null ? null : layout.anchor(hop.device(), hop.outInterface());
			Point at = in != null ? in : out != null ? out : layout.anchor(hop.device(), null);
			hopPoints.add(at);
			for (Point point : new Point[] { in, out == null && in == null ? at : out }) {
				if (point != null && (line.size() < 2 || line.get(line.size() - 2) != point.x()
						|| line.get(line.size() - 1) != point.y())) {
					line.add(point.x());
					line.add(point.y());
				}
			}
		}
		svg.group("class", "path", "data-disposition", path.disposition().name());
		svg.polyline(line.stream().mapToDouble(Double::doubleValue).toArray(), "path");
		markGatewayRoutes(svg, layout, path);
		for (int i = 0; i < path.hops().size(); i++) {
			HopView hop = path.hops().get(i);
			Point at = hopPoints.get(i);
			if (at == null) {
				continue;
			}
			svg.titledGroup((i + 1) + ". " + hop.description(), "class", "hop", "data-hop", String.valueOf(i + 1),
					"data-device", hop.device());
			svg.circle(at.x(), at.y(), 10, "hop");
			svg.text(at.x(), at.y() + 4, String.valueOf(i + 1), 3, "hopnum");
			if (hop.kind() != DeviceKind.POD && hop.route() != null) {
				routeLabel(svg, layout, hop, at);
			}
			svg.end();
		}
		Point last = hopPoints.isEmpty() ? null : hopPoints.get(hopPoints.size() - 1);
		if (last != null) {
			svg.group("class", "stop");
			svg.circle(last.x(), last.y(), 17, "stop");
			String stop = path.disposition().name() + " here";
			svg.rect(last.x() + 14, last.y() + 10, stop.length() * Svg.CHAR_WIDTH + 10, 20, "label");
			svg.text(last.x() + 19, last.y() + 24, stop, stop.length() + 1,
					path.disposition().isSuccess() ? "ok" : "fail");
			svg.end();
		}
		svg.end();
	}

	/** The route a router matched, beside the port the packet entered by, on a white label. */
	private static void routeLabel(Svg svg, Layout layout, HopView hop, Point at) {
		String text = hop.route();
		int maxChars = Svg.fitting(Layout.NODE_WIDTH - 20);
		double width = Math.min(text.length(), maxChars) * Svg.CHAR_WIDTH + 10;
		// a node's beside its eth0 port, above the node's box, where nothing else is written
		Point port = hop.kind() == DeviceKind.NODE ? layout.anchor(hop.device(), "eth0") : null;
		double x = (port != null ? port.x() : at.x()) + 14;
		double y = port != null ? port.y() - 30 : at.y() + 2;
		svg.rect(x, y, width, 20, "label");
		svg.text(x + 5, y + 14, text, maxChars, null);
	}

	/** The gateway's matched route, framed in its table. */
	private static void markGatewayRoutes(Svg svg, Layout layout, PathView path) {
		for (HopView hop : path.hops()) {
			if (hop.kind() != DeviceKind.GATEWAY || hop.route() == null) {
				continue;
			}
			List<Scene.RouteRow> routes = layout.scene.routes();
			for (int i = 0; i < routes.size(); i++) {
				if (routes.get(i).label().equals(hop.route())) {
					double y = layout.gateway.y() + 56 + Layout.LINE * (i + 1);
					svg.rect(layout.gateway.x() + 6, y - 14, layout.gateway.width() - 12, Layout.LINE, "stop");
				}
			}
		}
	}

	private static void legend(Svg svg, Layout layout, PathView path, List<String> explanation, double top) {
		double x = Layout.MARGIN;
		double width = layout.width - 2 * Layout.MARGIN;
		double y = top;
		svg.group("class", "legend");
		svg.text(x, y, "Path from " + path.source().pod() + " (" + path.source().address() + ") to "
				+ destination(path), width, "name");
		y += Layout.LINE;
		svg.group("class", "disposition", "data-disposition", path.disposition().name());
		svg.text(x, y, path.disposition().name() + " · scope " + path.scope() + " · TTL " + path.ttl() + " · stops at "
				+ (path.hops().isEmpty() ? "the source" : path.hops().get(path.hops().size() - 1).device()), width,
				path.disposition().isSuccess() ? "ok" : "fail");
		svg.end();
		y += Layout.LINE * 1.5;
		for (int i = 0; i < path.hops().size(); i++) {
			HopView hop = path.hops().get(i);
			svg.text(x, y, String.format("%2d. %-24s %-11s %s", i + 1, hop.device(), hop.action(),
					hop.route() == null ? "" : "route " + hop.route()), width, null);
			y += Layout.LINE;
		}
		y += Layout.LINE / 2.0;
		for (String words : explanation) {
			svg.text(x, y, words, width, "small");
			y += Layout.LINE;
		}
		svg.end();
	}

	/** The text in lines of at most maxChars, broken between words; at most a dozen lines. */
	static List<String> wrap(String text, int maxChars) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split("\\s+")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() > 0 ? " " : "").append(word);
		}
		if (line.length() > 0) {
			lines.add(line.toString());
		}
		if (lines.size() > MAX_EXPLANATION_LINES) {
			List<String> shown = new ArrayList<>(lines.subList(0, MAX_EXPLANATION_LINES));
			shown.set(MAX_EXPLANATION_LINES - 1, Svg.cut(shown.get(MAX_EXPLANATION_LINES - 1) + " …", maxChars));
			return shown;
		}
		return lines;
	}
}

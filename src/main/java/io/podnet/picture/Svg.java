package io.podnet.picture;

import java.util.Locale;

/**
 * Writes SVG markup, escaping every piece of text and attribute value it is given, so no name a
 * user chose can end an element or start one. Text that would not fit is cut with an ellipsis and
 * carries the whole of it in a {@code <title>}, which browsers show as a tooltip.
 */
final class Svg {

	/** Width of one character of the 12 px monospace font the pictures use, in px, rounded up. */
	static final double CHAR_WIDTH = 7.3;

	/*
	 * Shapes are styled by element and class (rect.pod, not .pod): a group's class must not pass a
	 * stroke or fill on to the text inside it.
	 */
	private static final String STYLE = """
			text{font-family:ui-monospace,Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px;fill:#1f2933;stroke:none;white-space:pre}
			text.heading{font-size:16px;font-weight:bold}text.name{font-weight:bold}text.small{font-size:11px;fill:#52606d}
			rect.box{fill:#fff;stroke:#52606d;stroke-width:1.5}rect.gateway{fill:#fdf6e3}rect.node{fill:#f0f4f8}
			rect.bridge{fill:#d9e8fb;stroke:#2f6fb3}rect.pod{fill:#e3f9e5;stroke:#3f9142}
			line.wire{stroke:#52606d;stroke-width:2}line.segment{stroke:#1f2933;stroke-width:4}
			text.user{fill:#b44d12;font-weight:bold}text.more{fill:#52606d;font-style:italic}
			polyline.path{stroke:#d64545;stroke-width:4;fill:none;stroke-opacity:.75;stroke-linejoin:round}
			circle.hop{fill:#d64545;stroke:#fff;stroke-width:2}text.hopnum{fill:#fff;font-weight:bold;text-anchor:middle}
			rect.label{fill:#fff;fill-opacity:.92;stroke:#d64545;stroke-width:1}
			circle.stop,rect.stop{fill:none;stroke:#d64545;stroke-width:3}
			text.ok{fill:#3f9142;font-weight:bold}text.fail{fill:#d64545;font-weight:bold}
			rect.bar{fill:#2f6fb3}rect.track{fill:#e4e7eb}a text{fill:#2f6fb3;text-decoration:underline}""";


	private final StringBuilder out = new StringBuilder(16 * 1024);

	/** Starts a picture of that size with its accessible title and description. */
	Svg(int width, int height, String title, String description) {
		out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" ")
				.append("width=\"").append(width).append("\" height=\"").append(height)
				.append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
				.append("\" role=\"img\" aria-labelledby=\"picture-title picture-desc\">\n")
				.append("<title id=\"picture-title\">").append(escape(title)).append("</title>\n")
				.append("<desc id=\"picture-desc\">").append(escape(description)).append("</desc>\n")
				.append("<style>").append(STYLE).append("</style>\n")
				.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
	}

	/** Opens a group; attributes come as name, value pairs. */
	Svg group(String... attributes) {
		out.append("<g").append(attributes(attributes)).append(">\n");
		return this;
	}

	/** Opens a group that the given title describes (its tooltip). */
	Svg titledGroup(String title, String... attributes) {
		group(attributes);
		out.append("<title>").append(escape(title)).append("</title>\n");
		return this;
	}

	Svg end() {
		out.append("</g>\n");
		return this;
	}

	/** Opens a link; the reader of a picture opens one node of a large cluster with it. */
	Svg link(String href) {
		out.append("<a href=\"").append(escape(href)).append("\">\n");
		return this;
	}

	Svg endLink() {
		out.append("</a>\n");
		return this;
	}

	Svg rect(double x, double y, double width, double height, String cssClass) {
		out.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
				.append(number(width)).append("\" height=\"").append(number(height)).append("\" rx=\"4\" class=\"")
				.append(escape(cssClass)).append("\"/>\n");
		return this;
	}

	Svg line(double x1, double y1, double x2, double y2, String cssClass) {
		out.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1)).append("\" x2=\"")
				.append(number(x2)).append("\" y2=\"").append(number(y2)).append("\" class=\"").append(escape(cssClass))
				.append("\"/>\n");
		return this;
	}

	Svg circle(double x, double y, double radius, String cssClass) {
		out.append("<circle cx=\"").append(number(x)).append("\" cy=\"").append(number(y)).append("\" r=\"")
				.append(number(radius)).append("\" class=\"").append(escape(cssClass)).append("\"/>\n");
		return this;
	}

	/** A polyline through the points, given as x, y pairs. */
	Svg polyline(double[] points, String cssClass) {
		out.append("<polyline points=\"");
		for (int i = 0; i + 1 < points.length; i += 2) {
			out.append(i == 0 ? "" : " ").append(number(points[i])).append(',').append(number(points[i + 1]));
		}
		out.append("\" class=\"").append(escape(cssClass)).append("\"/>\n");
		return this;
	}

	/** Text that fits in {@code width} px: cut with an ellipsis otherwise, the whole text in its tooltip. */
	Svg text(double x, double y, String text, double width, String cssClass) {
		return text(x, y, text, fitting(width), cssClass);
	}

	/** Text of at most {@code maxChars} characters: cut with an ellipsis otherwise, the whole text in its tooltip. */
	Svg text(double x, double y, String text, int maxChars, String cssClass) {
		String shown = cut(text, maxChars);
		out.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
		if (cssClass != null) {
			out.append(" class=\"").append(escape(cssClass)).append('"');
		}
		out.append('>');
		if (!shown.equals(text)) {
			out.append("<title>").append(escape(text)).append("</title>");
		}
		out.append(escape(shown)).append("</text>\n");
		return this;
	}

	String finish() {
		return out.append("</svg>\n").toString();
	}

	/** How many characters of the pictures' font fit in that many px. */
	static int fitting(double width) {
		return Math.max(1, (int) Math.floor(width / CHAR_WIDTH));
	}

	/** The text, or its first characters and an ellipsis if it is longer than maxChars. */
	static String cut(String text, int maxChars) {
		if (text.codePointCount(0, text.length()) <= maxChars) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, Math.max(0, maxChars - 1))) + "…";
	}

	/**
	 * The text as XML character data or attribute value: markup characters as entities, and the
	 * characters XML 1.0 forbids (control characters, unpaired surrogates) as U+FFFD.
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> {
					if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
						escaped.append(c).append(text.charAt(++i));
					} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
							|| c == 0xFFFE || c == 0xFFFF) {
						escaped.append('\uFFFD');
					} else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static String attributes(String... pairs) {
		StringBuilder attributes = new StringBuilder();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			attributes.append(' ').append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
		}
		return attributes.toString();
	}

	/** Coordinates with at most one decimal, in the locale-free form SVG reads. */
	private static String number(double value) {
		long rounded = Math.round(value * 10);
		return rounded % 10 == 0 ? Long.toString(rounded / 10) : String.format(Locale.ROOT, "%.1f", rounded / 10.0);
	}
}

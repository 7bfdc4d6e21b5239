package io.podnet.picture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reading a picture back as a browser would: strict XML, then its texts, titles and elements by class. */
final class Pictures {

	private Pictures() {
	}

	/** The SVG parsed as namespace-aware XML, with no DTD or external entity allowed: fails if it is not well-formed. */
	static Document parse(String svg) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		} catch (Exception e) {
			throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
		}
	}

	/** What the picture writes: each text element's shown text (its tooltip title left out). */
	static List<String> texts(Document svg) {
		List<String> texts = new ArrayList<>();
		NodeList elements = svg.getElementsByTagNameNS("*", "text");
		for (int i = 0; i < elements.getLength(); i++) {
			texts.add(shown((Element) elements.item(i)));
		}
		return texts;
	}

	static String shown(Element text) {
		StringBuilder shown = new StringBuilder();
		for (org.w3c.dom.Node child = text.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
				shown.append(child.getNodeValue());
			}
		}
		return shown.toString();
	}

	/** Every title of the picture: the tooltips that hold names cut for their box. */
	static List<String> titles(Document svg) {
		List<String> titles = new ArrayList<>();
		NodeList elements = svg.getElementsByTagNameNS("*", "title");
		for (int i = 0; i < elements.getLength(); i++) {
			titles.add(elements.item(i).getTextContent());
		}
		return titles;
	}

	/** The groups of that class (class="device pod" has the classes device and pod), by data-name. */
	static List<String> named(Document svg, String cssClass) {
		List<String> names = new ArrayList<>();
		NodeList groups = svg.getElementsByTagNameNS("*", "g");
		for (int i = 0; i < groups.getLength(); i++) {
			Element group = (Element) groups.item(i);
			if (List.of(group.getAttribute("class").split(" ")).contains(cssClass)) {
				names.add(group.getAttribute("data-name"));
			}
		}
		return names;
	}
}

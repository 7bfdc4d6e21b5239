package io.podnet.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.node.NodeUsage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Kubernetes' largest cluster, 5,000 nodes and 150,000 pods, as one readable picture of bounded size. */
class SummaryPictureTests {

	/** A 63-character node name, the longest DNS-1123 label, ending in the node's number. */
	private static String longestName(int number) {
		String suffix = "-" + number;
		return "n" + "x-amp-lt-script-gt".repeat(4).substring(0, 62 - suffix.length()) + suffix;
	}

	private static ClusterSummary largest() {
		List<NodeUsage> nodes = IntStream.range(0, 5000)
				.mapToObj(i -> new NodeUsage(1, longestName(i), 110, i % 111 == 0 ? 0 : Math.min(110, 30 + i % 81)))
				.toList();
		List<Scene.RouteRow> routes = new ArrayList<>();
		for (int i = 0; i < PictureReader.USER_ROUTES; i++) {
			routes.add(new Scene.RouteRow("blackhole 10." + i + ".0.0/16", true));
		}
		return new ClusterSummary("c".repeat(63), "10.100.0.0/16", "10.100.0.1", "10.0.0.0/8", BigInteger.valueOf(65536),
				nodes, routes, 1000);
	}

	@Test
	void fiveThousandNodesMakeAPictureUnderOneMegabyte() {
		String svg = largest().svg();
		Document parsed = Pictures.parse(svg);

		assertThat(svg.getBytes(StandardCharsets.UTF_8).length).isLessThan(1_000_000);
		assertThat(svg.getBytes(StandardCharsets.UTF_8).length).as("a summary, not a drawing of every node")
				.isLessThan(100_000);
		assertThat(Pictures.texts(parsed)).anySatisfy(text -> assertThat(text).contains("5000 nodes"))
				.anySatisfy(text -> assertThat(text).contains("60536 free"))
				.anySatisfy(text -> assertThat(text).contains("… and 960 more user routes"));
		// the fullest and the emptiest nodes, each a link to its own picture
		assertThat(Pictures.named(parsed, "node-summary")).hasSize(2 * SummaryPicture.LISTED);
		assertThat(parsed.getElementsByTagNameNS("*", "a").item(0).getAttributes().getNamedItem("href").getNodeValue())
				.startsWith("topology.svg?node=");
	}
}

package io.podnet.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.kubenet.Family;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A decided trace is the narrated one without its words: the same hops, the same end. */
class PathTracerDecideTests {

	@ParameterizedTest
	@EnumSource(Family.class)
	void decideGoesTheSameWayAsTraceWithoutTheWords(Family family) {
		PathTracer tracer = new PathTracer(ArticleCluster.article(family).network());
		for (String to : List.of("10.244.1.2", "10.244.0.3", "10.244.0.2", "10.244.1.99", "192.0.2.7", "10.100.0.1",
				"10.100.0.9", "10.244.2.1")) {
			Flow flow = Flow.to("pod default/web", family.address(to), 5432, Protocol.TCP);
			Trace narrated = tracer.trace(flow);
			Trace decided = tracer.decide(flow);

			assertThat(decided.disposition()).as(to).isEqualTo(narrated.disposition());
			assertThat(decided.scope()).isEqualTo(narrated.scope());
			assertThat(decided.ttl()).isEqualTo(narrated.ttl());
			assertThat(decided.hops()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("description")
					.isEqualTo(narrated.hops());
			assertThat(decided.hops()).allSatisfy(hop -> assertThat(hop.description()).isNull());
			assertThat(decided.explanation()).isNull();
			assertThat(narrated.explanation()).isNotBlank();
		}
	}
}

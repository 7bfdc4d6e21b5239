package io.podnet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditBodyTests {

	private static String of(String body) {
		return AuditBody.of(body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void secretsAreRemovedAtAnyDepth() {
		assertThat(of("{\"name\":\"a\",\"secret\":\"s1\",\"nested\":{\"dbPassword\":\"p\",\"list\":[{\"Token\":\"t\",\"keep\":1}]}}"))
				.isEqualTo("{\"name\":\"a\",\"nested\":{\"list\":[{\"keep\":1}]}}");
	}

	@Test
	void anythingElseIsKeptOnlyByItsSizeAndLongBodiesAreCut() {
		assertThat(of("not json at all")).isEqualTo("(15 bytes, not JSON)");
		assertThat(AuditBody.of(new byte[0])).isNull();
		String big = of("{\"name\":\"" + "x".repeat(20_000) + "\"}");
		assertThat(big.length()).isLessThanOrEqualTo(AuditBody.MAX);
		assertThat(big).endsWith("(20011 characters)");
	}
}

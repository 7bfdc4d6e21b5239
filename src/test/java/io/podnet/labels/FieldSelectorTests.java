package io.podnet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.InvalidQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSelectorTests {

	private static final List<String> FIELDS = List.of("metadata.name", "spec.nodeName", "status.podIP");

	private static FieldSelector parse(String text) {
		return FieldSelector.parse("fieldSelector", text, FIELDS);
	}

	@Test
	void readsEqualityAndInequalityTermsAsKubernetesDoes() {
		FieldSelector selector = parse("spec.nodeName=node-1,metadata.name!=web,status.podIP==10.244.0.2");
		assertThat(selector.terms()).containsExactly(new FieldSelector.Term("spec.nodeName", true, "node-1"),
				new FieldSelector.Term("metadata.name", false, "web"),
				new FieldSelector.Term("status.podIP", true, "10.244.0.2"));
		Map<String, String> pod = Map.of("spec.nodeName", "node-1", "metadata.name", "db", "status.podIP", "10.244.0.2");
		assertThat(selector.matches(pod::get)).isTrue();
		assertThat(selector.matches(Map.of("spec.nodeName", "node-1", "metadata.name", "web", "status.podIP",
				"10.244.0.2")::get)).isFalse();
		assertThat(selector.required("spec.nodeName")).contains("node-1");
		assertThat(selector.required("metadata.name")).isEmpty();
		assertThat(parse("").terms()).isEmpty();
	}

	@Test
	void aBackslashEscapesCommaEqualsAndItself() {
		assertThat(parse("metadata.name=a\\,b\\=c\\\\d").terms())
				.containsExactly(new FieldSelector.Term("metadata.name", true, "a,b=c\\d"));
		assertThatThrownBy(() -> parse("metadata.name=a=b")).isInstanceOf(InvalidQuery.class)
				.hasMessageContaining("must be escaped");
	}

	@Test
	void refusesUnknownFieldsAndTermsWithoutOperatorNamingThePosition() {
		assertThatThrownBy(() -> parse("spec.nodeName=a,spec.hostNetwork=true")).isInstanceOf(InvalidQuery.class)
				.hasMessageContaining("at position 16").hasMessageContaining("'spec.hostNetwork' is not a field")
				.hasMessageContaining("supported: metadata.name, spec.nodeName, status.podIP");
		assertThatThrownBy(() -> parse("spec.nodeName")).isInstanceOf(InvalidQuery.class)
				.hasMessageContaining("expected field=value");
	}
}

package io.podnet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.InvalidValue;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label keys and values with the cases of Kubernetes' validation tests (IsQualifiedName, IsValidLabelValue). */
class LabelsTests {

	@Test
	void acceptsKubernetesLabelKeysAndValues() {
		Map<String, String> labels = new HashMap<>();
		for (String key : new String[] { "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
				"now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
				"now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123",
				"example.com/Uppercase_Is_OK_123", "requests.storage-foo", "a".repeat(63),
				"a".repeat(253) + "/" + "b".repeat(63) }) {
			labels.put(key, "v");
		}
		assertThat(Labels.labels(labels)).hasSize(labels.size());
		for (String value : new String[] { "", "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234",
				"A.B-C_D", "a".repeat(63) }) {
			assertThat(Labels.labels(Map.of("k", value))).containsEntry("k", value);
		}
	}

	@Test
	void refusesOthersNamingTheLabel() {
		for (String key : new String[] { "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-",
				"only/one/slash", "Example.com/abc", "example_com/abc", "example.com/", "/simple", "a".repeat(64),
				"a".repeat(254) + "/abc", "" }) {
			assertThatThrownBy(() -> Labels.labels(Map.of(key, "v"))).as(key).isInstanceOf(InvalidValue.class)
					.hasMessageContaining("label key");
		}
		for (String value : new String[] { "nospecialchars%^=@", "Tama-nui-te-rā.Atua-o-te-Pō", "cantendwithadash-",
				"-cantstartwithadash", "spaces are bad", "a".repeat(64) }) {
			assertThatThrownBy(() -> Labels.labels(Map.of("app", value))).as(value).isInstanceOf(InvalidValue.class)
					.hasMessageContaining("labels[app]").hasMessageContaining("label value");
		}
	}

	@Test
	void annotationsTakeAnyValueUpTo256KiBInAll() {
		assertThat(Labels.annotations(Map.of("example.com/notes", "any text, with spaces: 100%\n"))).hasSize(1);
		assertThatThrownBy(() -> Labels.annotations(Map.of("big", "x".repeat(256 * 1024))))
				.isInstanceOf(InvalidValue.class).hasMessageContaining("256 KiB");
		assertThatThrownBy(() -> Labels.annotations(Map.of("bad key", "x"))).hasMessageContaining("annotation key");
	}

	@Test
	void storesSortedJsonAndReadsItBack() {
		String column = Labels.toColumn(Labels.labels(Map.of("tier", "web", "app", "shop")));
		assertThat(column).isEqualTo("{\"app\":\"shop\",\"tier\":\"web\"}");
		assertThat(Labels.fromColumn(column)).containsExactly(Map.entry("app", "shop"), Map.entry("tier", "web"));
		assertThat(Labels.fromColumn("{}")).isEmpty();
	}
}

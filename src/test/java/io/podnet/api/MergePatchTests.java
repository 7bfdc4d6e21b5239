package io.podnet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.problem.Conflict;
import io.podnet.problem.InvalidValue;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MergePatchTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** RFC 7396, Appendix A: every example. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"a\":\"b\"}                 | {\"a\":\"c\"}               | {\"a\":\"c\"}",
			"{\"a\":\"b\"}                 | {\"b\":\"c\"}               | {\"a\":\"b\",\"b\":\"c\"}",
			"{\"a\":\"b\"}                 | {\"a\":null}                | {}",
			"{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}                | {\"b\":\"c\"}",
			"{\"a\":[\"b\"]}               | {\"a\":\"c\"}               | {\"a\":\"c\"}",
			"{\"a\":\"c\"}                 | {\"a\":[\"b\"]}             | {\"a\":[\"b\"]}",
			"{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
			"{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}                 | {\"a\":[1]}",
			"[\"a\",\"b\"]                 | [\"c\",\"d\"]               | [\"c\",\"d\"]",
			"{\"a\":\"b\"}                 | [\"c\"]                     | [\"c\"]",
			"{\"a\":\"foo\"}               | null                        | null",
			"{\"a\":\"foo\"}               | \"bar\"                     | \"bar\"",
			"{\"e\":null}                  | {\"a\":1}                   | {\"e\":null,\"a\":1}",
			"[1,2]                         | {\"a\":\"b\",\"c\":null}    | {\"a\":\"b\"}",
			"{}                            | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}" })
	void mergesAsRfc7396Says(String target, String patch, String result) {
		JsonNode merged = MergePatch.merge(JSON.readTree(target), JSON.readTree(patch));
		assertThat(merged == null ? "null" : merged.toString()).isEqualTo(JSON.readTree(result).toString());
	}

	record View(String name, Map<String, String> labels, String ip, String resourceVersion) {
	}

	private static final View POD = new View("web", Map.of("app", "shop", "tier", "web"), "10.244.0.2", "3");
	private static final Set<String> MUTABLE = Set.of("labels", "annotations");

	@Test
	void changesTheMutableFieldsAndAcceptsOthersUnchanged() {
		MergePatch patch = MergePatch.of(POD, JSON.readTree("{\"labels\":{\"tier\":null,\"canary\":\"true\"},"
				+ "\"ip\":\"10.244.0.2\",\"resourceVersion\":\"3\"}"), MUTABLE, "pod default/web");
		assertThat(patch.changes()).containsOnlyKeys("labels");
		assertThat(patch.stringMap("labels")).containsExactlyInAnyOrderEntriesOf(Map.of("app", "shop", "canary", "true"));
	}

	@Test
	void refusesAChangeOfAFixedFieldByName() {
		assertThatThrownBy(() -> MergePatch.of(POD, JSON.readTree("{\"ip\":\"10.244.0.9\",\"labels\":{\"a\":\"b\"}}"),
				MUTABLE, "pod default/web"))
				.isInstanceOf(InvalidValue.class)
				.hasMessageContaining("ip: '10.244.0.9' cannot be changed")
				.hasMessageContaining("fields that a patch may change: annotations, labels");
	}

	@Test
	void aStaleResourceVersionIsAConflictAndANonObjectIsInvalid() {
		assertThatThrownBy(() -> MergePatch.of(POD, JSON.readTree("{\"resourceVersion\":\"2\",\"labels\":{}}"), MUTABLE,
				"pod default/web")).isInstanceOf(Conflict.class).hasMessageContaining("at resourceVersion 3");
		assertThatThrownBy(() -> MergePatch.of(POD, JSON.readTree("[]"), MUTABLE, "pod default/web"))
				.isInstanceOf(InvalidValue.class).hasMessageContaining("is not a JSON object");
		assertThatThrownBy(() -> MergePatch.of(POD, JSON.readTree("{\"labels\":{\"a\":1}}"), MUTABLE, "pod default/web")
				.stringMap("labels")).isInstanceOf(InvalidValue.class).hasMessageContaining("labels[a]");
	}
}

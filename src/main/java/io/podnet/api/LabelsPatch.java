package io.podnet.api;

import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * What the API document shows as the body of a merge patch of a node or a pod: only its labels and
 * annotations may change. The service reads the body as any JSON object ({@link MergePatch}), so
 * that a field that may not change is refused by name rather than ignored.
 */
@Schema(name = "LabelsPatch", description = "A JSON merge patch (RFC 7396): the labels and annotations to set; a key "
		+ "set to null is removed. Other fields may be sent only with their current values.")
public record LabelsPatch(
		@Schema(description = Labels.LABELS_DOC, example = "{\"tier\": \"web\"}")
		Map<String, String> labels,
		@Schema(description = Labels.ANNOTATIONS_DOC) Map<String, String> annotations,
		@Schema(description = "Apply only if the resource is still at this version (else 409), like If-Match (412)",
				example = "3")
		String resourceVersion) {
}

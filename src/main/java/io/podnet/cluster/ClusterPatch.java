package io.podnet.cluster;

import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * What the API document shows as the body of a merge patch of a cluster; the service reads it as
 * any JSON object ({@link io.podnet.api.MergePatch}), refusing a fixed field by name.
 */
@Schema(name = "ClusterPatch", description = "A JSON merge patch (RFC 7396) of a cluster: its labels, annotations "
		+ "and maxPodsPerNode may change; a label or annotation set to null is removed. The networks are fixed.")
record ClusterPatch(
		@Schema(description = Labels.LABELS_DOC, example = "{\"env\": \"prod\"}") Map<String, String> labels,
		@Schema(description = Labels.ANNOTATIONS_DOC) Map<String, String> annotations,
		@Schema(description = "Pods per node at most; not below the pods a node already holds (409)", example = "64")
		Integer maxPodsPerNode,
		@Schema(description = "Apply only if the cluster is still at this version (else 409), like If-Match (412)",
				example = "3")
		String resourceVersion) {
}

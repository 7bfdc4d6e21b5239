package io.podnet.labels;

import io.podnet.problem.InvalidValue;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labels and annotations of clusters, nodes and pods, checked as Kubernetes checks them
 * (ValidateLabels, ValidateAnnotations) and stored as a JSON object in a column of their resource,
 * keys sorted so that equal maps are equal text.
 */
public final class Labels {

	/** More than Kubernetes objects carry in practice; a bound so that one object cannot fill the label index. */
	public static final int MAX_LABELS = 64;
	/** Kubernetes' TotalAnnotationSizeLimitB: keys and values together. */
	public static final int MAX_ANNOTATION_BYTES = 256 * 1024;

	/** How labels are described in the API document. */
	public static final String LABELS_DOC = "Labels, with Kubernetes' syntax for keys and values; lists select on them "
			+ "with labelSelector";
	public static final String ANNOTATIONS_DOC = "Annotations: free text for tools and people under label-like keys, "
			+ "at most 256 KiB in all; never selected on";

	private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
	};
	private static final TypeReference<Map<String, String>> WRITTEN = new TypeReference<>() {
	};
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final ObjectReader READER = JSON.readerFor(TYPE);
	private static final ObjectWriter WRITER = JSON.writerFor(WRITTEN);
	private static final String EMPTY = "{}";

	private Labels() {
	}

	/** The labels, checked, sorted and unmodifiable; null is none. */
	public static SortedMap<String, String> labels(Map<String, String> labels) {
		if (labels == null || labels.isEmpty()) {
			return Collections.emptySortedMap();
		}
		if (labels.size() > MAX_LABELS) {
			throw new InvalidValue("labels", labels, "has " + labels.size() + " labels; at most " + MAX_LABELS
					+ " are allowed");
		}
		labels.forEach((key, value) -> {
			String keyProblem = key == null ? "is missing" : LabelSyntax.keyProblem(key);
			if (keyProblem != null) {
				throw new InvalidValue("labels", key, keyProblem);
			}
			if (value == null) {
				throw new InvalidValue("labels[" + key + "]", null, "(a label value is a string, empty if need be; "
						+ "to remove a label with a merge patch, set it to null)");
			}
			String valueProblem = LabelSyntax.valueProblem(value);
			if (valueProblem != null) {
				throw new InvalidValue("labels[" + key + "]", value, valueProblem);
			}
		});
		return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
	}

	/** The annotations, checked, sorted and unmodifiable: keys as label keys, any string values, 256 KiB in all. */
	public static SortedMap<String, String> annotations(Map<String, String> annotations) {
		if (annotations == null || annotations.isEmpty()) {
			return Collections.emptySortedMap();
		}
		long bytes = 0;
		for (Map.Entry<String, String> entry : annotations.entrySet()) {
			String key = entry.getKey();
			String keyProblem = key == null ? "is missing" : LabelSyntax.keyProblem(key);
			if (keyProblem != null) {
				throw new InvalidValue("annotations", key, keyProblem.replace("label key", "annotation key"));
			}
			if (entry.getValue() == null) {
				throw new InvalidValue("annotations[" + key + "]", null, "(an annotation value is a string, empty if "
						+ "need be; to remove an annotation with a merge patch, set it to null)");
			}
			bytes += key.getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
		}
		if (bytes > MAX_ANNOTATION_BYTES) {
			throw new InvalidValue("annotations", annotations, "are " + bytes + " bytes in all; at most "
					+ MAX_ANNOTATION_BYTES + " (256 KiB) of keys and values are allowed, as in Kubernetes");
		}
		return Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
	}

	/** The column text of checked labels or annotations. */
	public static String toColumn(SortedMap<String, String> map) {
		return map.isEmpty() ? EMPTY : WRITER.writeValueAsString(map);
	}

	/** Labels or annotations read back from their column. */
	public static SortedMap<String, String> fromColumn(String json) {
		if (json == null || json.equals(EMPTY)) {
			return Collections.emptySortedMap();
		}
		return Collections.unmodifiableSortedMap(READER.<TreeMap<String, String>>readValue(json));
	}

	/** The labels of an object as a GET answers it (a watch event's object): its "labels" member. */
	public static Map<String, String> ofView(tools.jackson.databind.JsonNode object) {
		Map<String, String> labels = new TreeMap<>();
		object.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
		return labels;
	}
}

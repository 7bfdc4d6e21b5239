package io.podnet.api;

import io.podnet.problem.Conflict;
import io.podnet.problem.InvalidValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON merge patch (RFC 7396, {@code application/merge-patch+json}) of a resource, as Kubernetes
 * applies one: the patch is merged into the resource as the GET shows it; the fields that may
 * change take their new value, a field that may not change must keep the value it has (sending it
 * back unchanged is fine, changing it is 422), and a {@code resourceVersion} in the patch is a
 * precondition (409 if the resource has moved on since).
 *
 * @param changes the mutable fields the patch changes, with their merged values
 */
public record MergePatch(Map<String, JsonNode> changes) {

	public static final String MEDIA_TYPE = "application/merge-patch+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String RESOURCE_VERSION = "resourceVersion";

	/**
	 * The changes that the patch makes to the resource shown by {@code view}.
	 *
	 * @param mutable the top-level fields that may change
	 * @param resource the resource, named for the problems ("pod default/web")
	 */
	public static MergePatch of(Object view, JsonNode patch, Set<String> mutable, String resource) {
		if (patch == null || !patch.isObject()) {
			throw new InvalidValue("body", patch == null ? null : patch.getNodeType().name().toLowerCase(),
					"is not a JSON object; a merge patch of " + resource + " is an object of the fields to change, e.g. "
							+ "{\"labels\":{\"tier\":\"web\"}}");
		}
		ObjectNode current = JSON.valueToTree(view);
		JsonNode version = patch.get(RESOURCE_VERSION);
		if (version != null && !version.isNull() && !version.equals(current.get(RESOURCE_VERSION))) {
			throw Conflict.modified(resource, version.isString() ? version.asString() : version.toString(),
					current.get(RESOURCE_VERSION).asString());
		}
		Map<String, JsonNode> changes = new LinkedHashMap<>();
		List<String> immutable = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : patch.properties()) {
			String name = field.getKey();
			if (name.equals(RESOURCE_VERSION)) {
				continue;
			}
			JsonNode before = current.get(name);
			JsonNode after = merge(before, field.getValue());
			if (mutable.contains(name)) {
				if (after == null || !after.equals(before)) {
					changes.put(name, after);
				}
			} else if (after == null ? before != null : !after.equals(before)) {
				immutable.add(name);
			}
		}
		if (!immutable.isEmpty()) {
			String first = immutable.get(0);
			throw new InvalidValue(first, shown(patch.get(first)), "cannot be changed: " + resource + " keeps its " + first
					+ " for its lifetime" + (immutable.size() > 1 ? " (nor " + String.join(", ",
							immutable.subList(1, immutable.size())) + ")" : "") + "; fields that a patch may change: "
					+ String.join(", ", mutable.stream().sorted().toList()));
		}
		return new MergePatch(changes);
	}

	/** A patch value as a problem quotes it: a scalar as its text, a structure as its JSON. */
	private static String shown(JsonNode value) {
		return value.isValueNode() && !value.isNull() ? value.asString() : value.toString();
	}

	/** RFC 7396's MergePatch(Target, Patch); null stands for a member that is absent (or removed). */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch.isNull() ? null : patch;
		}
		ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
				: JSON.createObjectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			JsonNode merged = merge(result.get(member.getKey()), member.getValue());
			if (merged == null) {
				result.remove(member.getKey());
			} else {
				result.set(member.getKey(), merged);
			}
		}
		return result;
	}

	public boolean changes(String field) {
		return changes.containsKey(field);
	}

	/** The merged value of a string-to-string map field (labels, annotations); 422 if it is anything else. */
	public Map<String, String> stringMap(String field) {
		JsonNode node = changes.get(field);
		Map<String, String> map = new LinkedHashMap<>();
		if (node == null) {
			return map;
		}
		if (!node.isObject()) {
			throw new InvalidValue(field, shown(node), "must be an object of string values");
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isString()) {
				throw new InvalidValue(field + "[" + entry.getKey() + "]", shown(entry.getValue()), "must be a string");
			}
			map.put(entry.getKey(), entry.getValue().asString());
		}
		return map;
	}

	/** The merged value of an integer field; 422 if it is anything else. */
	public int integer(String field) {
		JsonNode node = changes.get(field);
		if (node == null || !node.isInt()) {
			throw new InvalidValue(field, node == null ? null : shown(node), "must be an integer");
		}
		return node.intValue();
	}
}

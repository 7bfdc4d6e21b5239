package io.podnet.audit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body as the audit log keeps it: JSON with every member whose name says secret
 * removed (at any depth), at most {@link #MAX} characters; anything that is not JSON only by its size.
 */
final class AuditBody {

	static final int MAX = 8000;

	private static final Set<String> SECRET_NAMES = Set.of("secret", "password", "token", "authorization", "privatekey");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditBody() {
	}

	static String of(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		String text;
		try {
			JsonNode json = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
			text = JSON.writeValueAsString(withoutSecrets(json));
		} catch (JacksonException e) {
			return "(" + bytes.length + " bytes, not JSON)";
		}
		return text.length() <= MAX ? text : text.substring(0, MAX - 40) + "… (" + text.length() + " characters)";
	}

	private static JsonNode withoutSecrets(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.propertyNames().stream().filter(AuditBody::secret).toList().forEach(object::remove);
			object.values().forEach(AuditBody::withoutSecrets);
		} else if (node.isArray()) {
			node.values().forEach(AuditBody::withoutSecrets);
		}
		return node;
	}

	private static boolean secret(String name) {
		String lower = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
		return SECRET_NAMES.contains(lower) || lower.endsWith("secret") || lower.endsWith("password");
	}
}

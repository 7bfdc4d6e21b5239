package io.podnet.labels;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax for label keys and values (k8s.io/apimachinery validation: IsQualifiedName and
 * IsValidLabelValue), shared by labels, annotation keys and selectors so that all three accept
 * exactly what Kubernetes does. Each check answers null when the text is valid, else why not.
 */
final class LabelSyntax {

	static final int NAME_MAX = 63;
	static final int PREFIX_MAX = 253;
	static final int VALUE_MAX = 63;

	/** Name part of a key, and every non-empty value: alphanumeric at both ends, '-', '_', '.' inside. */
	private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
	/** Prefix of a key: a DNS-1123 subdomain. */
	private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	static final String KEY_RULE = "a label key is an optional DNS subdomain prefix (at most 253 characters) and '/', then "
			+ "a name of at most 63 characters: letters, digits, '-', '_' or '.', starting and ending with a letter or "
			+ "digit (e.g. app, app.kubernetes.io/name)";
	static final String VALUE_RULE = "a label value is empty or at most 63 characters: letters, digits, '-', '_' or '.', "
			+ "starting and ending with a letter or digit (e.g. web, v1.2)";

	private LabelSyntax() {
	}

	/** Why the key is not a qualified name, or null if it is one. */
	static String keyProblem(String key) {
		String name = key;
		int slash = key.indexOf('/');
		if (slash >= 0) {
			String prefix = key.substring(0, slash);
			name = key.substring(slash + 1);
			if (prefix.isEmpty() || prefix.length() > PREFIX_MAX || !SUBDOMAIN.matcher(prefix).matches()) {
				return "has an invalid prefix; " + KEY_RULE;
			}
		}
		if (name.isEmpty() || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
			return "is not a valid label key; " + KEY_RULE;
		}
		return null;
	}

	/** Why the value is not a label value, or null if it is one. */
	static String valueProblem(String value) {
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > VALUE_MAX || !NAME.matcher(value).matches()) {
			return "is not a valid label value; " + VALUE_RULE;
		}
		return null;
	}
}

package io.podnet.api;

/** Resource names are DNS-1123 labels, as Kubernetes requires for node and pod names. */
public final class Names {

	public static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

	public static final String DNS1123_MESSAGE =
			"must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit";

	private Names() {
	}
}

package io.podnet.pod;

import java.util.Optional;

/** A pod as people name it across namespaces, as kubectl does: "default/web". */
public record PodRef(String namespace, String name) {

	/** The pod named "namespace/name", if the text is one. */
	public static Optional<PodRef> parse(String text) {
		String[] parts = text.split("/", -1);
		if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new PodRef(parts[0], parts[1]));
	}

	@Override
	public String toString() {
		return namespace + "/" + name;
	}
}

package io.podnet.path;

import java.util.Objects;

/** A port a container of a pod listens on, e.g. 5432/TCP of container {@code postgres}. */
public record ContainerPort(int port, Protocol protocol, String container) {

	public ContainerPort {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port " + port + " is outside 1-65535");
		}
		Objects.requireNonNull(protocol, "protocol");
		if (container == null || container.isBlank()) {
			throw new IllegalArgumentException("port " + port + "/" + protocol + " needs the container that declares it");
		}
	}

	/** True if this declaration answers the given port and protocol. */
	public boolean answers(int port, Protocol protocol) {
		return this.port == port && this.protocol == protocol;
	}

	@Override
	public String toString() {
		return port + "/" + protocol;
	}
}

package io.podnet.path;

import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * The packet to trace: from a device (a pod) to an address, optionally to a port.
 *
 * @param source the name of the device that sends it, e.g. {@code pod default/web}
 * @param destination the address it is sent to; loopback (127.0.0.1, ::1) for {@code localhost}
 * @param port the destination port, or null to ask only whether the address answers (like ping)
 * @param protocol the transport protocol of the port; TCP when not given
 */
public record Flow(String source, IPAddress destination, Integer port, Protocol protocol) {

	public Flow {
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("a flow needs a source device");
		}
		Objects.requireNonNull(destination, "destination");
		if (destination.isMultiple()) {
			throw new IllegalArgumentException("destination " + destination + " is a network, not one address");
		}
		destination = destination.withoutPrefixLength();
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("port " + port + " is outside 1-65535");
		}
		protocol = protocol == null ? Protocol.TCP : protocol;
	}

	/** Whether the destination answers at all, like ping. */
	public static Flow to(String source, IPAddress destination) {
		return new Flow(source, destination, null, Protocol.TCP);
	}

	/** Whether something listens on that port and protocol at the destination. */
	public static Flow to(String source, IPAddress destination, int port, Protocol protocol) {
		return new Flow(source, destination, port, protocol);
	}

	/** The destination as people write it: {@code 10.244.1.2:5432/TCP}, {@code [fd00::2]:53/UDP}. */
	public String target() {
		String address = destination.toCanonicalString();
		if (port == null) {
			return address;
		}
		return (destination.isIPv6() ? "[" + address + "]" : address) + ":" + port + "/" + protocol;
	}
}

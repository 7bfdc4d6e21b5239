package io.podnet.path;

import io.podnet.kubenet.Route;
import inet.ipaddr.IPAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pod, node or the gateway: its interfaces, its route table and, for a pod, the ports its
 * containers declare. Every device also answers on loopback, as every Linux network namespace does.
 *
 * @param name the name people know it by: {@code pod default/web}, {@code node-1}, {@code gateway}
 * @param kind pod, node or gateway; decides whether the device forwards
 * @param interfaces its interfaces, names unique
 * @param routes its route table, as {@code ip route} lists it
 * @param ports the container ports a pod declares (a pod has one network stack, so a port and
 *        protocol is declared at most once); empty for nodes and the gateway
 */
public record Device(String name, DeviceKind kind, List<Interface> interfaces, List<Route> routes,
		List<ContainerPort> ports) {

	public Device {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a device needs a name");
		}
		Objects.requireNonNull(kind, "kind");
		interfaces = List.copyOf(interfaces);
		routes = List.copyOf(routes);
		ports = List.copyOf(ports);
		Set<String> interfaceNames = new HashSet<>();
		for (Interface attached : interfaces) {
			if (!interfaceNames.add(attached.name())) {
				throw new IllegalArgumentException(name + " has two interfaces named " + attached.name());
			}
		}
		for (Route route : routes) {
			if (route.device() != null && !interfaceNames.contains(route.device())) {
				throw new IllegalArgumentException(name + " has route '" + route.label() + "' out of " + route.device()
						+ ", an interface it does not have");
			}
		}
		if (kind != DeviceKind.POD && !ports.isEmpty()) {
			throw new IllegalArgumentException(name + " is a " + kind + "; only pods declare container ports");
		}
		Set<String> declared = new HashSet<>();
		for (ContainerPort port : ports) {
			if (!declared.add(port.toString())) {
				throw new IllegalArgumentException(name + " declares " + port
						+ " twice; the containers of a pod share one network stack");
			}
		}
	}

	public static Device pod(String name, Interface eth0, List<Route> routes, List<ContainerPort> ports) {
		return new Device(name, DeviceKind.POD, List.of(eth0), routes, ports);
	}

	public static Device node(String name, List<Interface> interfaces, List<Route> routes) {
		return new Device(name, DeviceKind.NODE, interfaces, routes, List.of());
	}

	public static Device gateway(String name, List<Interface> interfaces, List<Route> routes) {
		return new Device(name, DeviceKind.GATEWAY, interfaces, routes, List.of());
	}

	/** Whether it routes packets addressed to someone else. */
	public boolean forwards() {
		return kind.forwards();
	}

	/** Whether a packet to that address is for this device: one of its addresses, or loopback. */
	public boolean owns(IPAddress address) {
		IPAddress plain = address.withoutPrefixLength();
		return plain.isLoopback() || interfaces.stream().anyMatch(attached -> attached.address().equals(plain));
	}

	public Optional<Interface> interfaceNamed(String interfaceName) {
		return interfaces.stream().filter(attached -> attached.name().equals(interfaceName)).findFirst();
	}

	/** The container port that answers a port and protocol, if a container declares it. */
	public Optional<ContainerPort> listener(int port, Protocol protocol) {
		return ports.stream().filter(declared -> declared.answers(port, protocol)).findFirst();
	}

	/** The address the device is known by in the family of {@code other}: its first interface's. */
	public Optional<IPAddress> addressInFamilyOf(IPAddress other) {
		return interfaces.stream()
				.map(Interface::address)
				.filter(address -> address.isIPv4() == other.isIPv4())
				.findFirst();
	}
}

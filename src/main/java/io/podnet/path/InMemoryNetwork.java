package io.podnet.path;

import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteTable;
import inet.ipaddr.IPAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Network} held in memory, indexed once: devices by name, route tables as prefix tries,
 * and who owns which address on which segment. Immutable, so one instance may serve concurrent
 * traces; a changed cluster is a new instance.
 */
public final class InMemoryNetwork implements Network {

	/** An address as seen on one segment: the same address may exist on two separate links. */
	private record OnSegment(String segment, IPAddress address) {
	}

	private final Map<String, Device> devices = new HashMap<>();
	private final Map<String, RouteTable> routeTables = new HashMap<>();
	private final Map<OnSegment, Attachment> owners = new HashMap<>();
	private final Map<String, Attachment> bridges = new HashMap<>();

	public InMemoryNetwork(Collection<Device> devices) {
		devices.forEach(this::add);
	}

	public static InMemoryNetwork of(Device... devices) {
		return new InMemoryNetwork(List.of(devices));
	}

	@Override
	public Optional<Device> device(String name) {
		return Optional.ofNullable(devices.get(name));
	}

	@Override
	public Optional<Route> longestPrefixMatch(Device device, IPAddress destination) {
		RouteTable table = routeTables.get(device.name());
		return table == null ? Optional.empty() : table.longestPrefixMatch(destination);
	}

	@Override
	public Optional<Attachment> neighbour(String segment, IPAddress address) {
		return Optional.ofNullable(owners.get(new OnSegment(segment, address.withoutPrefixLength())));
	}

	@Override
	public Optional<Attachment> bridge(String segment) {
		return Optional.ofNullable(bridges.get(segment));
	}

	private void add(Device device) {
		if (devices.putIfAbsent(device.name(), device) != null) {
			throw new IllegalArgumentException("two devices named " + device.name());
		}
		routeTables.put(device.name(), new RouteTable(device.routes()));
		for (Interface attached : device.interfaces()) {
			Attachment attachment = new Attachment(device, attached);
			// An address owned twice on one link is an address conflict: ARP would answer at random.
			Attachment clash = owners.putIfAbsent(new OnSegment(attached.segment(), attached.address()), attachment);
			if (clash != null) {
				throw new IllegalArgumentException(attached.address().toCanonicalString() + " is owned twice on "
						+ attached.segment() + ": by " + describe(clash) + " and " + describe(attachment));
			}
			if (attached.type() == Interface.Type.BRIDGE) {
				Attachment other = bridges.putIfAbsent(attached.segment(), attachment);
				if (other != null) {
					throw new IllegalArgumentException(attached.segment() + " has two bridges: " + describe(other)
							+ " and " + describe(attachment));
				}
			}
		}
	}

	private static String describe(Attachment attachment) {
		return attachment.device().name() + " " + attachment.attached().name();
	}
}

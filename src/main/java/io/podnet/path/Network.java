package io.podnet.path;

import io.podnet.kubenet.Route;
import inet.ipaddr.IPAddress;
import java.util.Optional;

/**
 * What the tracer needs to know about a cluster's network. Kept to lookups so that an
 * implementation can answer from memory ({@link InMemoryNetwork}), a cache or the database.
 */
public interface Network {

	/** The device of that name: {@code pod default/web}, {@code node-1}, {@code gateway}. */
	Optional<Device> device(String name);

	/**
	 * The route of the device's table that a packet to {@code destination} takes: the matching
	 * route with the longest prefix, as a kernel's FIB lookup picks it. Empty when none matches.
	 */
	Optional<Route> longestPrefixMatch(Device device, IPAddress destination);

	/**
	 * The interface that owns {@code address} on that segment: who answers ARP (IPv4) or neighbour
	 * discovery (IPv6) for it there. Empty when nobody does.
	 */
	Optional<Attachment> neighbour(String segment, IPAddress address);

	/**
	 * The bridge that forms that segment (a node's cbr0), if it is a bridge's segment. Frames between
	 * two other interfaces of the segment are switched by it.
	 */
	Optional<Attachment> bridge(String segment);
}

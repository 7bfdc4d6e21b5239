package io.podnet.kubenet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.format.util.AssociativeAddressTrie.AssociativeTrieNode;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.util.Collection;
import java.util.Optional;

/**
 * A device's routes in a binary prefix trie per family, so that a longest-prefix match costs at
 * most one step per address bit (32 or 128) however many routes there are: a gateway with 5,000
 * node routes answers as fast as a pod with two. Immutable once built, so safe to share.
 */
public final class RouteTable {

	private final IPv4AddressAssociativeTrie<Route> ipv4 = new IPv4AddressAssociativeTrie<>();
	private final IPv6AddressAssociativeTrie<Route> ipv6 = new IPv6AddressAssociativeTrie<>();
	private final int size;

	public RouteTable(Collection<Route> routes) {
		for (Route route : routes) {
			add(route);
		}
		this.size = routes.size();
	}

	/** The matching route with the longest prefix, or empty when no route covers the address. */
	public Optional<Route> longestPrefixMatch(IPAddress destination) {
		IPAddress address = destination.withoutPrefixLength();
		AssociativeTrieNode<?, Route> match = address.isIPv4()
				? ipv4.longestPrefixMatchNode(address.toIPv4())
				: ipv6.longestPrefixMatchNode(address.toIPv6());
		return match == null ? Optional.empty() : Optional.of(match.getValue());
	}

	public int size() {
		return size;
	}

	private void add(Route route) {
		IPAddress destination = route.destination();
		// The kernel refuses a second route to the same destination ("File exists"); so do we,
		// rather than letting one silently replace the other.
		// (Checked first: the trie's putNew replaces the value even when it reports a clash.)
		AssociativeTrieNode<?, Route> existing = destination.isIPv4()
				? ipv4.getAddedNode(destination.toIPv4())
				: ipv6.getAddedNode(destination.toIPv6());
		if (existing != null) {
			throw new IllegalArgumentException("two routes to " + destination.toCanonicalString() + ": '"
					+ existing.getValue().label() + "' and '" + route.label() + "'");
		}
		if (destination.isIPv4()) {
			ipv4.put(destination.toIPv4(), route);
		} else {
			ipv6.put(destination.toIPv6(), route);
		}
	}
}

package io.podnet.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.podnet.problem.InvalidValue;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address ranges (RFC 6890 and its IANA registries) that can be neither a
 * cluster's network nor a route's destination or next hop: Linux and Kubernetes treat them
 * specially (loopback never leaves the host, link-local and multicast are not forwarded, class E
 * and the limited broadcast are refused, a v4-mapped source makes Linux drop an IPv6 packet).
 * The one list podnet checks networks, routes and destinations against.
 */
public final class SpecialRanges {

	/** A special-purpose range: its name as people say it ("loopback") and its block. */
	public record Range(String name, IPAddress block, String note) {

		/** "the loopback range 127.0.0.0/8", with why it is special where that is not obvious. */
		public String describe() {
			return "the " + name + " range " + Addresses.format(block) + (note == null ? "" : " (" + note + ")");
		}

		public boolean isLoopback() {
			return name.equals(LOOPBACK);
		}
	}

	public static final String LOOPBACK = "loopback";

	/**
	 * Declaration order decides which range a network that overlaps several (without lying inside
	 * one) is reported against.
	 */
	private static final List<Range> RANGES = List.of(
			range("\"this network\"", "0.0.0.0/8"),
			range(LOOPBACK, "127.0.0.0/8"),
			range("link-local", "169.254.0.0/16"),
			range("multicast", "224.0.0.0/4"),
			range("reserved (class E)", "240.0.0.0/4"),
			range("limited broadcast", "255.255.255.255/32"),
			range(LOOPBACK, "::1/128"),
			range("unspecified", "::/128"),
			range("unspecified, loopback and IPv4-compatible", "::/96"),
			range("IPv4-mapped", "::ffff:0:0/96", "Linux drops IPv6 packets with a v4-mapped source; use the IPv4 "
					+ "address in an IPv4 cluster"),
			range("link-local", "fe80::/10"),
			range("multicast", "ff00::/8"));

	private SpecialRanges() {
	}

	private static Range range(String name, String cidr) {
		return range(name, cidr, null);
	}

	private static Range range(String name, String cidr, String note) {
		return new Range(name, new IPAddressString(cidr).getAddress().toPrefixBlock(), note);
	}

	/** Every range, IPv4 first. */
	public static List<Range> all() {
		return RANGES;
	}

	/**
	 * The special range that holds this address or network whole, the most specific one (::1 is
	 * loopback, not the ::/96 block around it); empty for a supernet that merely contains ranges,
	 * such as a default route.
	 */
	public static Optional<Range> containing(IPAddress address) {
		return RANGES.stream()
				.filter(range -> sameFamily(range, address) && range.block().contains(address))
				.max(Comparator.comparingInt(range -> range.block().getNetworkPrefixLength()));
	}

	/**
	 * A special range that shares at least one address with this network: the one it lies in, if
	 * any, else the first it overlaps.
	 */
	public static Optional<Range> overlapping(IPAddress network) {
		return containing(network).or(() -> RANGES.stream()
				.filter(range -> sameFamily(range, network) && range.block().overlaps(network))
				.findFirst());
	}

	/**
	 * Refuses a network that shares any address with a special range (a cluster's node or pod
	 * network): "overlaps the loopback range 127.0.0.0/8; expected a private range such as …".
	 *
	 * @param example what would be valid, e.g. "10.244.0.0/16 or fd00:10:244::/56"
	 */
	public static void checkNetwork(String field, String text, IPAddress network, String example) {
		overlapping(network).ifPresent(range -> {
			throw new InvalidValue(field, text, "overlaps " + range.describe() + "; expected a private range such as "
					+ example);
		});
	}

	/**
	 * Refuses a route destination that lies inside a special range; a supernet that merely contains
	 * one, such as a default route, is fine.
	 */
	public static void checkDestination(String field, String text, IPAddress destination) {
		containing(destination).ifPresent(range -> {
			String defaultRoute = IpFamily.of(destination).defaultDestination();
			throw new InvalidValue(field, text, "lies inside " + range.describe() + ", which a gateway never "
					+ "forwards; expected a routable destination, or a prefix that contains the range, such as "
					+ defaultRoute);
		});
	}

	/**
	 * Refuses a single address inside a special range; loopback too unless {@code allowLoopback}
	 * (a pod's own address, like localhost).
	 *
	 * @param expected what would be valid, e.g. "an address on the node network"
	 */
	public static void checkAddress(String field, String text, IPAddress address, boolean allowLoopback,
			String expected) {
		containing(address).filter(range -> !(allowLoopback && range.isLoopback())).ifPresent(range -> {
			throw new InvalidValue(field, text, "is in " + range.describe() + "; expected " + expected);
		});
	}

	private static boolean sameFamily(Range range, IPAddress address) {
		return range.block().isIPv4() == address.isIPv4();
	}
}

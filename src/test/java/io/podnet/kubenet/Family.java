package io.podnet.kubenet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address family a test runs in. Tables are written once, in IPv4; the IPv6 run maps every
 * address onto the article's IPv6 plan so both families walk the same topology:
 * 10.244.1.2 → fd00:10:244:1::2, 10.100.0.0/24 → fd00:10:100::/64, 0.0.0.0/0 → ::/0,
 * 127.0.0.1 → ::1. Each octet becomes a hextet with the same digits, and /8, /16, /24, /32 become
 * /32, /48, /64, /128, so containment is the same in both families.
 */
public enum Family {
	IPv4, IPv6;

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

	/** An address or network written in IPv4, in this family. */
	public IPAddress address(String ipv4) {
		return new IPAddressString(text(ipv4)).getAddress();
	}

	/** Text with every IPv4 address or network in it rewritten into this family. */
	public String text(String ipv4Text) {
		if (this == IPv4 || ipv4Text == null) {
			return ipv4Text;
		}
		Matcher matcher = IPV4.matcher(ipv4Text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(toIpv6(matcher)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String toIpv6(Matcher ipv4) {
		String prefix = ipv4.group(5);
		if (ipv4.group(1).equals("127")) {
			return "::1";
		}
		if ("0".equals(prefix)) {
			return "::/0";
		}
		String address = "fd00:" + ipv4.group(1) + ":" + ipv4.group(2) + ":" + ipv4.group(3) + "::" + ipv4.group(4);
		String canonical = new IPAddressString(address).getAddress().toCanonicalString();
		return prefix == null ? canonical : canonical + "/" + ipv6Prefix(Integer.parseInt(prefix));
	}

	private static int ipv6Prefix(int ipv4Prefix) {
		return switch (ipv4Prefix) {
			case 8, 16, 24 -> 16 + 2 * ipv4Prefix;
			case 32 -> 128;
			default -> throw new IllegalArgumentException("tables use /0, /8, /16, /24 or /32, not /" + ipv4Prefix);
		};
	}
}

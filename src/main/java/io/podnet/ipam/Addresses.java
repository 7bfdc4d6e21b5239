package io.podnet.ipam;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.podnet.problem.InvalidValue;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Strict parsing of user-supplied addresses and CIDR blocks, with errors that name the field and
 * say what would be valid; and conversions between addresses and their numeric values. All CIDR
 * math is the ipaddress library's.
 */
public final class Addresses {

	/**
	 * Only the plain notations people write in Kubernetes manifests: no inet_aton shorthands
	 * ("10.1"), wildcards, ranges, masks or empty strings.
	 */
	private static final IPAddressStringParameters STRICT = strictParameters();

	/** A prefix length is written as a plain decimal number: /0 to /128, no sign or leading zero. */
	private static final Pattern PREFIX_SUFFIX = Pattern.compile(".*/(0|[1-9][0-9]{0,2})");

	private static final String CIDR_EXAMPLE = "a network in CIDR notation such as 10.244.0.0/16 or fd00:10:244::/56";
	private static final String ADDRESS_EXAMPLE = "a single IP address such as 10.100.0.2 or fd00:10:100::2";

	private Addresses() {
	}

	/** A network in CIDR notation with no host bits set, e.g. {@code 10.244.0.0/16}. */
	public static IPAddress parseNetwork(String field, String text) {
		IPAddress address = parse(field, text, CIDR_EXAMPLE);
		if (!address.isPrefixed()) {
			throw new InvalidValue(field, text, "has no prefix length; expected " + CIDR_EXAMPLE);
		}
		IPAddress block = address.toPrefixBlock();
		if (!block.getLower().getValue().equals(address.getLower().getValue()) || !address.isPrefixBlock()) {
			throw new InvalidValue(field, text, "has host bits set; did you mean " + block.toCanonicalString() + "?");
		}
		return block;
	}

	/** A single address without a prefix length, e.g. {@code 10.100.0.2}. */
	public static IPAddress parseAddress(String field, String text) {
		IPAddress address = parse(field, text, ADDRESS_EXAMPLE);
		if (address.isPrefixed()) {
			throw new InvalidValue(field, text, "must be a single address without a prefix length; expected "
					+ ADDRESS_EXAMPLE);
		}
		return address;
	}

	private static IPAddressStringParameters strictParameters() {
		IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
				.allowEmpty(false)
				.allowAll(false)
				.allowSingleSegment(false)
				.allowMask(false)
				.allowPrefixOnly(false)
				.allowWildcardedSeparator(false)
				.allow_inet_aton(false);
		builder.getIPv4AddressParametersBuilder()
				.allowLeadingZeros(false)
				.allowBinary(false)
				.allowPrefixesBeyondAddressSize(false)
				.setRangeOptions(RangeParameters.NO_RANGE);
		builder.getIPv6AddressParametersBuilder()
				.allowBinary(false)
				.allowPrefixesBeyondAddressSize(false)
				.setRangeOptions(RangeParameters.NO_RANGE);
		return builder.toParams();
	}

	private static IPAddress parse(String field, String text, String expected) {
		if (text == null || text.isBlank()) {
			throw new InvalidValue(field, text, "is required; expected " + expected);
		}
		// the library trims some whitespace and not other: refuse it all, as Kubernetes' net.ParseIP does
		if (!text.equals(text.strip())) {
			throw new InvalidValue(field, text, "has leading or trailing whitespace; expected " + expected);
		}
		if (text.contains("/") && !PREFIX_SUFFIX.matcher(text).matches()) {
			throw new InvalidValue(field, text, "has a malformed prefix length; expected " + expected);
		}
		IPAddressString string = new IPAddressString(text, STRICT);
		IPAddress address;
		try {
			address = string.toAddress();
		} catch (AddressStringException e) {
			throw new InvalidValue(field, text, "is not valid (" + e.getMessage() + "); expected " + expected);
		}
		if (address == null) {
			throw new InvalidValue(field, text, "is not valid; expected " + expected);
		}
		if (address.isIPv6() && address.toIPv6().hasZone()) {
			throw new InvalidValue(field, text, "has a zone id; zones only mean something on one host. Expected "
					+ expected);
		}
		if (address.isMultiple() && !address.isPrefixBlock()) {
			throw new InvalidValue(field, text, "is a range, not " + expected);
		}
		return address;
	}

	/** The address of that numeric value, without a prefix length. */
	public static IPAddress fromValue(IpFamily family, BigInteger value) {
		return family == IpFamily.IPv4 ? new IPv4Address(value.intValue()) : new IPv6Address(value);
	}

	/** The CIDR block whose network address has that numeric value. */
	public static IPAddress blockFromValue(IpFamily family, BigInteger value, int prefixLength) {
		IPAddress address = family == IpFamily.IPv4
				? new IPv4Address(value.intValue(), prefixLength)
				: new IPv6Address(value, prefixLength);
		return address.toPrefixBlock();
	}

	/** The numeric value of an address, or of a block's network address. */
	public static BigInteger valueOf(IPAddress address) {
		return address.getLower().getValue();
	}

	/** Text as users see it: 10.244.0.0/24, 2001:db8::/64, 10.100.0.2. */
	public static String format(IPAddress address) {
		return address.toCanonicalString();
	}
}

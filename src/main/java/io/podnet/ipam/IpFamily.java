package io.podnet.ipam;

import inet.ipaddr.IPAddress;

/** One address family per cluster, as Kubernetes single-stack clusters have. */
public enum IpFamily {
	IPv4(32), IPv6(128);

	private final int bits;

	IpFamily(int bits) {
		this.bits = bits;
	}

	public int bits() {
		return bits;
	}

	public static IpFamily of(IPAddress address) {
		return address.isIPv4() ? IPv4 : IPv6;
	}

	/** The default route's destination: 0.0.0.0/0 or ::/0. */
	public String defaultDestination() {
		return this == IPv4 ? "0.0.0.0/0" : "::/0";
	}
}

package replicas;

/** IPv4 CIDR containment, enough for the cluster this test builds. */
final class Cidr {
	static boolean contains(String cidr, String ip) {
		String[] parts = cidr.split("/");
		int prefix = Integer.parseInt(parts[1]);
		long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
		long net = v4(parts[0]);
		long addr = v4(ip);
		long broadcast = net | (~mask & 0xFFFFFFFFL);
		// inside, and not the network, bridge (.1 of the subnet) or broadcast address
		return (addr & mask) == net && addr > net + 1 && addr < broadcast;
	}

	static long v4(String s) {
		long v = 0;
		for (String o : s.split("\\.")) {
			v = (v << 8) | Integer.parseInt(o);
		}
		return v;
	}
}

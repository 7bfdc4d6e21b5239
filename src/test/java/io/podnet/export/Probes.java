package io.podnet.export;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What ping and traceroute (iputils, modern traceroute for Linux) report, parsed. */
final class Probes {

	private Probes() {
	}

	/**
	 * One {@code ping -c1 -W1}: whether the destination answered, with what TTL (IPv4 "ttl=", IPv6
	 * "ttl=" or "hlim=" depending on the iputils version), and whether a router said the TTL ran out.
	 */
	record Ping(boolean answered, Integer ttl, boolean timeExceeded, String output) {

		private static final Pattern TTL = Pattern.compile("bytes from .*?(?:ttl|hlim)=(\\d+)");

		static Ping parse(Kernel.Result result) {
			Matcher ttl = TTL.matcher(result.output());
			boolean answered = result.ok() && ttl.find();
			boolean exceeded = result.output().contains("Time to live exceeded")
					|| result.output().contains("Time exceeded");
			return new Ping(answered, answered ? Integer.valueOf(ttl.group(1)) : null, exceeded, result.output());
		}
	}

	/** One line of {@code traceroute -n -q1}: the hop, who answered (null for "*") and traceroute's "!" note. */
	record Line(int hop, String address, String note) {
	}

	/** A whole {@code traceroute -n -q1} run. */
	record Traceroute(List<Line> lines, String output) {

		private static final Pattern LINE = Pattern.compile("^\\s*(\\d+)\\s+(\\*|\\S+)(?:\\s+[\\d.]+ ms)?(?:\\s+(!\\S*))?\\s*$");

		static Traceroute parse(Kernel.Result result) {
			List<Line> lines = new ArrayList<>();
			for (String text : result.output().split("\n")) {
				Matcher line = LINE.matcher(text);
				if (line.matches()) {
					String address = line.group(2).equals("*") ? null : normal(line.group(2));
					lines.add(new Line(Integer.parseInt(line.group(1)), address, line.group(3)));
				}
			}
			return new Traceroute(List.copyOf(lines), result.output());
		}

		/**
		 * The routers that answered "time exceeded", in order: every line with an address, no "!"
		 * note, that is not the destination itself; stops at the first line that is none of those.
		 */
		List<String> routers(String destination) {
			String target = normal(destination);
			List<String> routers = new ArrayList<>();
			for (Line line : lines) {
				if (line.address() == null || line.note() != null || line.address().equals(target)) {
					break;
				}
				routers.add(line.address());
			}
			return routers;
		}

		boolean reached(String destination) {
			String target = normal(destination);
			return lines.stream().anyMatch(line -> target.equals(line.address()) && line.note() == null);
		}

		/** The first line traceroute annotated ("!N", "!H", ...), if any. */
		Optional<Line> firstNote() {
			return lines.stream().filter(line -> line.note() != null).findFirst();
		}
	}

	/** One spelling per address, whatever the writer's: 10.244.0.1, fd00:10:244:0:0:0:0:1. */
	static String normal(String address) {
		try {
			return InetAddress.getByName(address).getHostAddress();
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException("not an IP address: " + address, e);
		}
	}
}

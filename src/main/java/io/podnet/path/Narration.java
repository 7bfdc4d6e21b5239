package io.podnet.path;

import io.podnet.kubenet.Route;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words of a trace: one sentence per hop and a paragraph for the whole, in the style of GCP
 * Connectivity Tests, where every step says what happened and every drop names its cause.
 */
final class Narration {

	private Narration() {
	}

	static String forwarded(Device device, Route route, Interface out, Device next) {
		return sentence(name(device) + " matched '" + route.label() + "' and sent it out " + out.name() + " to "
				+ name(next));
	}

	static String bridged(Attachment bridge, String in, String out, Device next, int ttl) {
		String node = bridge.device().name();
		return node + "'s bridge " + bridge.attached().name() + " switched the frame from " + in + " to " + out
				+ ", on to " + name(next) + "; it stays on " + node + " and is not routed, so the TTL stays " + ttl;
	}

	static String delivered(Device device, String in, Flow flow, Optional<ContainerPort> open, boolean toItself) {
		String arrived = toItself
				? name(device) + " sent it to itself over " + in
				: name(device) + " owns " + flow.destination().toCanonicalString() + " and took it in on " + in;
		if (flow.port() == null) {
			return sentence(arrived + "; no port asked, so it answers like ping");
		}
		String port = flow.port() + "/" + flow.protocol();
		if (open.isPresent()) {
			return sentence(arrived + ": container " + open.get().container() + " listens on " + port);
		}
		String nobody = device.kind() == DeviceKind.POD
				? "no container of " + name(device) + " declares " + port
				: "podnet knows of no listener on " + name(device);
		return sentence(arrived + ", but " + nobody + ": the connection to " + port + " is refused");
	}

	static String noRoute(Device device, IPAddress destination) {
		return sentence(name(device) + " has no route to " + destination.toCanonicalString()
				+ ": nothing in its table matches, not even a default route (\"Network is unreachable\")");
	}

	static String doesNotForward(Device device, IPAddress destination) {
		return sentence(name(device) + " received a packet for " + destination.toCanonicalString()
				+ ", which is not its address, and dropped it: pods do not forward packets");
	}

	static String nullRouted(Device device, Route route) {
		return sentence(name(device) + " matched '" + route.label() + "' and discarded the packet");
	}

	static String exits(Device device, Route route) {
		return sentence(name(device) + " matched '" + route.label()
				+ "' and sent it out of the cluster; beyond this the path is not modeled");
	}

	static String neighbourUnreachable(Device device, Route route, Interface out, IPAddress neighbour) {
		String who = route.forwarding() == Route.Forwarding.VIA ? "next hop " : "";
		String resolution = neighbour.isIPv4() ? "ARP" : "neighbour discovery";
		return sentence(name(device) + " matched '" + route.label() + "' and sent it out " + out.name()
				+ ", but no device on that link (" + out.segment() + ") has " + who + neighbour.toCanonicalString()
				+ ": " + resolution + " gets no answer, host unreachable");
	}

	static String loop(Device device, Interface in, List<String> cycle) {
		String where = in == null ? "" : " on " + in.name();
		return sentence(name(device) + " received it" + where + " a second time: the routes send it round "
				+ String.join(" → ", cycle) + " over and over until its TTL runs out (\"Time to live exceeded\")");
	}

	static String timeExceeded(Device device, int ttl) {
		return sentence(name(device) + " received it with TTL " + ttl
				+ " and may not forward it: time exceeded, the path is longer than a packet can live");
	}

	/** The paragraph: what was asked, how it ended, the path, and the last hop's reason. */
	static String explain(Flow flow, Device origin, Disposition disposition, IPAddress source, int ttl, List<Hop> hops) {
		Hop last = hops.get(hops.size() - 1);
		StringBuilder text = new StringBuilder()
				.append(origin.name()).append(" → ").append(flow.target()).append(": ").append(disposition);
		if (!disposition.isSuccess()) {
			text.append(" at ").append(last.device());
		}
		text.append(". ");
		if (hops.size() > 1) {
			// Each routing decision costs one TTL, including a last router's that then found no neighbour.
			int routed = PathTracer.INITIAL_TTL - ttl;
			text.append("Path: ").append(hops.stream().map(Hop::device).collect(Collectors.joining(" → ")));
			text.append(routed == 0
					? "; never routed, so the TTL stays " + ttl
					: "; routed " + (routed == 1 ? "once" : routed + " times") + ", so the TTL drops from "
							+ PathTracer.INITIAL_TTL + " to " + ttl);
			text.append(". ");
		}
		text.append(last.description()).append('.');
		boolean reached = disposition == Disposition.ACCEPTED || disposition == Disposition.REFUSED;
		if (reached && hops.size() > 1 && source != null) {
			text.append(" The source address ").append(source.toCanonicalString())
					.append(" arrives unchanged: nothing on the path translates addresses.");
		}
		return text.toString();
	}

	/** "the gateway" reads better than "gateway"; pods and nodes go by their names. */
	private static String name(Device device) {
		return device.kind() == DeviceKind.GATEWAY && device.name().equals("gateway") ? "the gateway" : device.name();
	}

	/** Capitalises a leading "the"; names such as node-1 keep their case. */
	private static String sentence(String text) {
		return text.startsWith("the ") ? "The" + text.substring(3) : text;
	}
}

package io.podnet.path;

import io.podnet.kubenet.Route;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One packet's way through the network: the mutable state of a single trace. */
final class Walk {

	private static final IPAddress IPV4_LOOPBACK = new IPAddressString("127.0.0.1").getAddress();
	private static final IPAddress IPV6_LOOPBACK = new IPAddressString("::1").getAddress();
	private static final String LOOPBACK = "lo";

	/** A packet arriving at a device; {@code in} is null at the source, which sends rather than receives. */
	private record Arrival(Device device, Interface in) {
		boolean atSource() {
			return in == null;
		}
	}

	/**
	 * With a fixed destination and no address translation, arriving at the same device on the same
	 * interface twice means the next round goes exactly the same way: a loop (Batfish's test).
	 */
	private record Visit(String device, String in) {
	}

	private final Network network;
	private final Flow flow;
	private final Device origin;
	/** Whether hops and the trace get their words; a question that traces thousands of flows needs none. */
	private final boolean narrate;
	private final List<Hop> hops = new ArrayList<>();
	private final Map<Visit, Integer> visits = new HashMap<>();
	private IPAddress source;
	private int ttl = PathTracer.INITIAL_TTL;
	private Disposition disposition;
	private String listener;

	Walk(Network network, Flow flow, Device origin, boolean narrate) {
		this.network = network;
		this.flow = flow;
		this.origin = origin;
		this.narrate = narrate;
		this.source = origin.addressInFamilyOf(flow.destination()).orElse(null);
	}

	Trace run() {
		Arrival arrival = new Arrival(origin, null);
		while (arrival != null) {
			arrival = step(arrival);
		}
		Scope scope = Scope.of(disposition, hops);
		String explanation = words(() -> Narration.explain(flow, origin, disposition, source, ttl, hops));
		return new Trace(disposition, scope, source, flow.destination(), flow.port(), flow.protocol(), listener, ttl,
				hops, explanation);
	}

	/** What one device does with the packet; returns where it goes next, or null where it stops. */
	private Arrival step(Arrival at) {
		Device device = at.device();
		IPAddress destination = flow.destination();
		Integer firstVisit = visits.putIfAbsent(new Visit(device.name(), at.atSource() ? null : at.in().name()), hops.size());
		if (firstVisit != null) {
			return stop(at, null, null, Disposition.LOOP, () -> Narration.loop(device, at.in(), cycle(firstVisit, device)));
		}
		if (device.owns(destination)) {
			return deliver(at);
		}
		if (!at.atSource() && !device.forwards()) {
			return stop(at, null, null, Disposition.NO_ROUTE, () -> Narration.doesNotForward(device, destination));
		}
		if (!at.atSource() && ttl <= 1) {
			int left = ttl;
			return stop(at, null, null, Disposition.LOOP, () -> Narration.timeExceeded(device, left));
		}
		Optional<Route> match = network.longestPrefixMatch(device, destination);
		if (match.isEmpty()) {
			return stop(at, null, null, Disposition.NO_ROUTE, () -> Narration.noRoute(device, destination));
		}
		Route route = match.get();
		return switch (route.forwarding()) {
			case BLACKHOLE -> stop(at, route, null, Disposition.NULL_ROUTED, () -> Narration.nullRouted(device, route));
			case EXTERNAL -> {
				leave(at, route.device() == null ? null : device.interfaceNamed(route.device()).orElseThrow());
				yield stop(at, route, route.device(), Disposition.EXITS_NETWORK, () -> Narration.exits(device, route));
			}
			case CONNECTED, VIA -> forward(at, route);
		};
	}

	private Arrival forward(Arrival at, Route route) {
		Device device = at.device();
		Interface out = device.interfaceNamed(route.device()).orElseThrow();
		IPAddress neighbourAddress = route.forwarding() == Route.Forwarding.CONNECTED ? flow.destination() : route.nextHop();
		leave(at, out);
		Optional<Attachment> neighbour = network.neighbour(out.segment(), neighbourAddress);
		if (neighbour.isEmpty()) {
			return stop(at, route, out.name(), Disposition.NEIGHBOR_UNREACHABLE,
					() -> Narration.neighbourUnreachable(device, route, out, neighbourAddress));
		}
		Attachment next = neighbour.get();
		HopAction action = at.atSource() ? HopAction.ORIGINATED : HopAction.ROUTED;
		hops.add(hop(at, out.name(), route, action, () -> Narration.forwarded(device, route, out, next.device())));
		network.bridge(out.segment())
				.filter(bridge -> !bridge.device().name().equals(device.name())
						&& !bridge.device().name().equals(next.device().name()))
				.ifPresent(bridge -> hops.add(bridged(bridge, out, next)));
		return new Arrival(next.device(), next.attached());
	}

	/**
	 * The packet leaves the device: a sender stamps the source address of its exit interface (as
	 * Linux picks the route's preferred source); a router takes one off the TTL.
	 */
	private void leave(Arrival at, Interface out) {
		if (!at.atSource()) {
			ttl--;
		} else if (out != null) {
			source = out.address();
		}
	}

	/** The device owns the destination: it takes the packet, and answers if the port is open. */
	private Arrival deliver(Arrival at) {
		Device device = at.device();
		Optional<ContainerPort> open = flow.port() == null ? Optional.empty()
				: device.listener(flow.port(), flow.protocol());
		boolean accepted = flow.port() == null || open.isPresent();
		listener = open.map(ContainerPort::container).orElse(null);
		if (at.atSource()) {
			source = ownAddress(flow.destination());
		}
		Disposition result = accepted ? Disposition.ACCEPTED : Disposition.REFUSED;
		String in = at.atSource() ? LOOPBACK : at.in().name();
		String out = at.atSource() ? LOOPBACK : null;
		hops.add(new Hop(device.name(), device.kind(), in, out, null, HopAction.of(result), flow.destination(), ttl,
				words(() -> Narration.delivered(device, in, flow, open, at.atSource()))));
		disposition = result;
		return null;
	}

	private Arrival stop(Arrival at, Route route, String out, Disposition result, Supplier<String> description) {
		hops.add(hop(at, out, route, HopAction.of(result), description));
		disposition = result;
		return null;
	}

	private Hop hop(Arrival at, String out, Route route, HopAction action, Supplier<String> description) {
		Device device = at.device();
		IPAddress address = at.atSource() ? source : answeringAddress(at);
		return new Hop(device.name(), device.kind(), at.atSource() ? null : at.in().name(), out,
				route == null ? null : route.label(), action, address, ttl, words(description));
	}

	/**
	 * The address a router's ICMP error (time exceeded, unreachable) comes from: what traceroute
	 * prints for it. IPv6 (icmp6_send) takes the address of the interface the packet came in on.
	 * IPv4 (icmp_send, with the default net.ipv4.icmp_errors_use_inbound_ifaddr=0) routes the error
	 * back to the sender and takes that route's source: the address of the interface facing the
	 * sender, which differs when the packet came in elsewhere (node-1 in a loop through the gateway
	 * answers its own pods from cbr0, not from eth0).
	 */
	private IPAddress answeringAddress(Arrival at) {
		Device device = at.device();
		if (source == null || source.isIPv6()) {
			return at.in().address();
		}
		return network.longestPrefixMatch(device, source)
				.filter(back -> back.device() != null)
				.flatMap(back -> device.interfaceNamed(back.device()))
				.map(Interface::address)
				.orElse(at.in().address());
	}

	/** The node's bridge passing a frame between two of its ports, from one pod's veth to the next. */
	private Hop bridged(Attachment bridge, Interface from, Attachment next) {
		String bridgeName = bridge.attached().name();
		String in = from.hostVeth() == null ? bridgeName : from.hostVeth();
		String out = next.attached().hostVeth() == null ? bridgeName : next.attached().hostVeth();
		return new Hop(bridge.device().name(), bridge.device().kind(), in, out, null, HopAction.BRIDGED, null, ttl,
				words(() -> Narration.bridged(bridge, in, out, next.device(), ttl)));
	}

	/** The words, when the trace is narrated; null otherwise. */
	private String words(Supplier<String> words) {
		return narrate ? words.get() : null;
	}

	/** The devices the packet went round, from its first visit back to the same device. */
	private List<String> cycle(int firstVisit, Device again) {
		List<String> round = new ArrayList<>();
		hops.subList(firstVisit, hops.size()).stream()
				.filter(hop -> hop.action() != HopAction.BRIDGED)
				.forEach(hop -> round.add(hop.device()));
		round.add(again.name());
		return round;
	}

	/** The source address a packet to one's own address carries: that address, or the loopback's. */
	private static IPAddress ownAddress(IPAddress destination) {
		if (!destination.isLoopback()) {
			return destination;
		}
		return destination.isIPv4() ? IPV4_LOOPBACK : IPV6_LOOPBACK;
	}
}

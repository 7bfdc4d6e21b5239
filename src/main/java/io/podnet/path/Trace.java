package io.podnet.path;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "how does this packet get there": the hops it takes and how it ends.
 *
 * @param disposition how the trace ends
 * @param scope how far the packet went
 * @param source the source address the packet carries where it stops; the sender's own, since
 *        nothing in a routes-based pod network translates addresses
 * @param destination the address it was sent to
 * @param port the asked port, or null
 * @param protocol the port's protocol
 * @param listener the container that declares the port at the destination, or null
 * @param ttl the TTL where it stopped: on arrival for ACCEPTED and REFUSED, as ping shows it
 *        (64 minus one per router)
 * @param hops the devices on the path, source first; the last one names where and why it stopped
 * @param explanation the whole trace in one paragraph a person can read
 */
public record Trace(Disposition disposition, Scope scope, IPAddress source, IPAddress destination, Integer port,
		Protocol protocol, String listener, int ttl, List<Hop> hops, String explanation) {

	public Trace {
		hops = List.copyOf(hops);
		if (hops.isEmpty()) {
			throw new IllegalArgumentException("a trace has at least the source's hop");
		}
	}

	/** The hop where the packet stopped, and why. */
	public Hop lastHop() {
		return hops.get(hops.size() - 1);
	}

	/** The device that owns the destination, when the packet reached it. */
	public Optional<String> reached() {
		boolean delivered = disposition == Disposition.ACCEPTED || disposition == Disposition.REFUSED;
		return delivered ? Optional.of(lastHop().device()) : Optional.empty();
	}

	/**
	 * The addresses {@code traceroute -n} would print: one per router, then the destination if
	 * reached. Bridges and the sender print nothing.
	 */
	public List<IPAddress> traceroute() {
		return hops.stream()
				.filter(hop -> hop.action() == HopAction.ROUTED || hop == lastHop() && reached().isPresent())
				.map(Hop::address)
				.toList();
	}
}

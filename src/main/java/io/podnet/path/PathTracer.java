package io.podnet.path;

/**
 * Answers "how does this packet get there?" by forwarding it through the network's devices the way
 * their kernels would: at each device, deliver if it owns the destination, else take the route of
 * longest prefix, check that the neighbour the route names exists on the exit interface's segment,
 * and move on. Same pod, same node and cross node are outcomes of that one walk, never cases of it.
 *
 * <p>Stateless and thread-safe as long as the {@link Network} is.
 */
public final class PathTracer {

	/** Linux's default IP TTL (net.ipv4.ip_default_ttl) and IPv6 hop limit. */
	public static final int INITIAL_TTL = 64;

	private final Network network;

	public PathTracer(Network network) {
		this.network = network;
	}

	/**
	 * Traces the flow from its source device to its destination.
	 *
	 * @throws UnknownDevice if the network has no device named as the flow's source
	 */
	public Trace trace(Flow flow) {
		return walk(flow, true);
	}

	/**
	 * Traces the flow as {@link #trace} does, the same hops to the same end, but without the words:
	 * every hop's description and the explanation are null. Building the words is most of a trace's
	 * cost, and a question that decides thousands of flows (reachability) shows only a few.
	 *
	 * @throws UnknownDevice if the network has no device named as the flow's source
	 */
	public Trace decide(Flow flow) {
		return walk(flow, false);
	}

	private Trace walk(Flow flow, boolean narrate) {
		Device source = network.device(flow.source()).orElseThrow(() -> new UnknownDevice(flow.source()));
		return new Walk(network, flow, source, narrate).run();
	}
}

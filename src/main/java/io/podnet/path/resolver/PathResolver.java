package io.podnet.path.resolver;

import inet.ipaddr.IPAddress;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.path.Flow;
import io.podnet.path.Hop;
import io.podnet.path.PathTracer;
import io.podnet.path.Protocol;
import io.podnet.path.Trace;
import io.podnet.path.resolver.PathView.Endpoint;
import io.podnet.path.resolver.PathView.HopView;
import io.podnet.pod.Pod;
import io.podnet.pod.PodRepository;
import io.podnet.system.InvalidValue;
import io.podnet.system.ResourceNotFound;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers "how does a packet get from this pod to that one" by tracing it through the cluster's
 * route tables as stored now (see {@link PathTracer}); this class only turns the request into a
 * flow and the trace into the API's answer.
 */
@Service
class PathResolver {

	private final ClusterService clusters;
	private final PodRepository pods;
	private final RoutingSnapshots snapshots;

	PathResolver(ClusterService clusters, PodRepository pods, RoutingSnapshots snapshots) {
		this.clusters = clusters;
		this.pods = pods;
		this.snapshots = snapshots;
	}

	@Transactional(readOnly = true)
	PathView resolve(String clusterName, String from, String to, Integer port, String protocolText) {
		Protocol protocol = protocol(protocolText);
		if (port != null && (port < 1 || port > 65535)) {
			throw new InvalidValue("port", port, "is not a port number; expected 1 to 65535");
		}
		Cluster cluster = clusters.find(clusterName);
		Pod source = pod(cluster, "from", from);
		ClusterNetwork network = new ClusterNetwork(cluster, snapshots.current(cluster), pods);
		// the pods read here are handed to the network, so the trace does not read them again
		network.know(source);
		IPAddress destination = destination(cluster, network, to);
		Trace trace = new PathTracer(network).trace(new Flow(ClusterNetwork.podDevice(source), destination, port,
				protocol));
		return view(network, source, trace);
	}

	private static Protocol protocol(String text) {
		if (text == null) {
			return Protocol.TCP;
		}
		try {
			return Protocol.valueOf(text);
		} catch (IllegalArgumentException e) {
			throw new InvalidValue("protocol", text, "is not a protocol; expected TCP, UDP or SCTP");
		}
	}

	/** A pod named "namespace/name". */
	private Pod pod(Cluster cluster, String field, String text) {
		String[] parts = text.split("/", -1);
		if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
			throw new InvalidValue(field, text, "is not a pod; expected namespace/name, e.g. default/web");
		}
		return pods.find(cluster, parts[0], parts[1]).orElseThrow(() -> new ResourceNotFound("pod", text,
				"cluster '" + cluster.getName() + "'"));
	}

	/** "localhost", a pod "namespace/name", or an IP address of the cluster's family. */
	private IPAddress destination(Cluster cluster, ClusterNetwork network, String to) {
		boolean ipv4 = cluster.getIpFamily() == IpFamily.IPv4;
		if (to.equals("localhost")) {
			return Addresses.parseAddress("to", ipv4 ? "127.0.0.1" : "::1");
		}
		if (to.contains("/")) {
			Pod target = pod(cluster, "to", to);
			network.know(target);
			return Addresses.parseAddress("to", target.getIp());
		}
		IPAddress address;
		try {
			address = Addresses.parseAddress("to", to);
		} catch (InvalidValue e) {
			throw new InvalidValue("to", to, "is not a destination; expected a pod (namespace/name), an IP address "
					+ "or localhost");
		}
		// loopback is the pod itself, as localhost is; the other special ranges are never a pod's peer
		SpecialRanges.checkAddress("to", to, address, true, "a pod (namespace/name), a unicast IP address or "
				+ "localhost");
		if (IpFamily.of(address) != cluster.getIpFamily()) {
			throw new InvalidValue("to", to, "is " + IpFamily.of(address) + " but the cluster is "
					+ cluster.getIpFamily());
		}
		return address;
	}

	private PathView view(ClusterNetwork network, Pod source, Trace trace) {
		Endpoint from = new Endpoint(Addresses.format(trace.source()), source.qualifiedName(),
				source.getNode().getName(), null, null, null);
		Optional<Pod> target = trace.destination().isLoopback() ? Optional.of(source)
				: network.podWithIp(trace.destination());
		Endpoint to = new Endpoint(Addresses.format(trace.destination()), target.map(Pod::qualifiedName).orElse(null),
				target.map(p -> p.getNode().getName()).orElse(null), trace.listener(), trace.port(),
				trace.port() == null ? null : trace.protocol().name());
		return new PathView(trace.disposition(), trace.scope(), from, to, trace.ttl(),
				trace.hops().stream().map(PathResolver::hop).toList(), trace.explanation());
	}

	private static HopView hop(Hop hop) {
		return new HopView(hop.device(), hop.kind(), hop.inInterface(), hop.outInterface(), hop.route(), hop.action(),
				hop.address() == null ? null : Addresses.format(hop.address()), hop.ttl(), hop.description());
	}
}

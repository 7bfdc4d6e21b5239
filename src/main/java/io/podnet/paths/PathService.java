package io.podnet.paths;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import inet.ipaddr.IPAddress;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SpecialRanges;
import io.podnet.path.Flow;
import io.podnet.path.Hop;
import io.podnet.path.PathTracer;
import io.podnet.path.Protocol;
import io.podnet.path.Trace;
import io.podnet.paths.PathView.Endpoint;
import io.podnet.paths.PathView.HopView;
import io.podnet.pod.PodEndpoint;
import io.podnet.pod.PodEndpoints;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidValue;
import io.podnet.problem.ResourceNotFound;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Answers "how does a packet get from this pod to that one" by tracing it through the cluster's
 * route tables as stored now (see {@link PathTracer}); this class only turns the request into a
 * flow and the trace into the API's answer.
 */
@Service
public class PathService {

	private final ClusterService clusters;
	private final PodEndpoints pods;
	private final RouterCache snapshots;
	private final MeterRegistry registry;

	PathService(ClusterService clusters, PodEndpoints pods, RouterCache snapshots, MeterRegistry registry) {
		this.clusters = clusters;
		this.pods = pods;
		this.snapshots = snapshots;
		this.registry = registry;
	}

	/*
	 * No transaction: every statement of a trace is a read that stands on its own (a pod by name or
	 * IP, the cluster's routesVersion with the source), and at READ COMMITTED, the isolation of both
	 * databases, statements in one transaction would not see one snapshot either, and beginning and
	 * ending one cost a noticeable share of a trace (bench/design-notes.md).
	 */
	public PathView resolve(String clusterName, String from, String to, Integer port, String protocolText) {
		return resolve(clusterName, from, to, port, protocolText, null);
	}

	/**
	 * As above, in the address family {@code familyText} (IPv4 or IPv6) if given: a pod-to-pod or
	 * localhost question is answered in the cluster's primary family unless it says otherwise; an
	 * address is in its own family, which must then agree.
	 */
	public PathView resolve(String clusterName, String from, String to, Integer port, String protocolText,
			String familyText) {
		Protocol protocol = protocol(protocolText);
		IpFamily requestedFamily = family(familyText);
		if (port != null && (port < 1 || port > 65535)) {
			throw new InvalidValue("port", port, "is not a port number; expected 1 to 65535");
		}
		// Reported in this order: a missing cluster, a bad or missing source, then a bad destination.
		Optional<PodRef> sourceRef = PodRef.parse(from);
		if (sourceRef.isEmpty()) {
			clusters.find(clusterName);
			throw notAPod("from", from);
		}
		// A pod destination is read together with the source.
		boolean toPod = isPodRef(to);
		Optional<PodRef> targetRef = toPod ? PodRef.parse(to) : Optional.empty();
		List<PodEndpoint> found = pods.find(clusterName, targetRef.map(target -> List.of(sourceRef.get(), target))
				.orElse(List.of(sourceRef.get())));
		PodEndpoint source = existing(clusterName, found, sourceRef.get());
		if (toPod && targetRef.isEmpty()) {
			throw notAPod("to", to);
		}
		RouterSet set = snapshots.current(source.clusterId(), source.clusterCreatedAt(), source.routesVersion())
				.orElseThrow(() -> new ResourceNotFound("cluster", clusterName));
		IPAddress address = toPod || to.equals(LOCALHOST) ? null : destination(to);
		IpFamily family = family(set, requestedFamily, familyText, address, to);
		Routers routers = set.of(family).orElseThrow();
		ClusterNetwork network = new ClusterNetwork(source.clusterId(), routers, pods);
		if (!network.know(source)) {
			throw podNotFound(clusterName, sourceRef.get());
		}
		IPAddress destination;
		if (targetRef.isPresent()) {
			PodEndpoint target = existing(clusterName, found, targetRef.get());
			if (!network.know(target)) {
				throw podNotFound(clusterName, targetRef.get());
			}
			destination = Addresses.fromValue(routers.ipFamily(), target.ipValue(routers.secondary()));
		} else {
			destination = address != null ? address
					: Addresses.parseAddress("to", family == IpFamily.IPv4 ? "127.0.0.1" : "::1");
		}
		Trace trace = new PathTracer(network).trace(new Flow(ClusterNetwork.podDevice(source), destination, port,
				protocol));
		Counter.builder("podnet.path.answers").description("paths traced, by the answer's disposition")
				.tag("cluster", clusterName).tag("disposition", trace.disposition().name()).register(registry)
				.increment();
		return view(network, source, trace);
	}

	private static final String LOCALHOST = "localhost";

	private static IpFamily family(String text) {
		if (text == null) {
			return null;
		}
		try {
			return IpFamily.valueOf(text);
		} catch (IllegalArgumentException e) {
			throw new InvalidValue("family", text, "is not an address family; expected IPv4 or IPv6");
		}
	}

	/**
	 * The family the question is answered in: the destination address's, else the one asked for,
	 * else the cluster's primary; a 422 if the cluster has no such family or the two disagree.
	 */
	private static IpFamily family(RouterSet set, IpFamily requested, String requestedText, IPAddress address,
			String to) {
		if (address != null) {
			IpFamily own = IpFamily.of(address);
			if (set.of(own).isEmpty()) {
				throw new InvalidValue("to", to, "is " + own + " but the cluster is " + set.ipFamilies());
			}
			if (requested != null && requested != own) {
				throw new InvalidValue("family", requestedText, "disagrees with the destination " + to + ", which is "
						+ own + "; a packet never changes family on its way. Leave family out, or ask for " + own);
			}
			return own;
		}
		if (requested == null) {
			return set.primary().ipFamily();
		}
		if (set.of(requested).isEmpty()) {
			throw new InvalidValue("family", requestedText, "is not a family of the cluster; expected one of "
					+ set.ipFamilies());
		}
		return requested;
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

	private static boolean isPodRef(String to) {
		return to.contains("/");
	}

	private static InvalidValue notAPod(String field, String text) {
		return new InvalidValue(field, text, "is not a pod; expected namespace/name, e.g. default/web");
	}

	/** The pod among those read, else a 404 for the cluster if that is what is missing, else for the pod. */
	private PodEndpoint existing(String clusterName, List<PodEndpoint> found, PodRef ref) {
		for (PodEndpoint pod : found) {
			if (pod.ref().equals(ref)) {
				return pod;
			}
		}
		clusters.find(clusterName);
		throw podNotFound(clusterName, ref);
	}

	private static ResourceNotFound podNotFound(String clusterName, PodRef ref) {
		return new ResourceNotFound("pod", ref.toString(), "cluster '" + clusterName + "'");
	}

	/** An IP address as a destination; its family is checked against the cluster's by {@link #family}. */
	private static IPAddress destination(String to) {
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
		return address;
	}

	private PathView view(ClusterNetwork network, PodEndpoint source, Trace trace) {
		Endpoint from = new Endpoint(Addresses.format(trace.source()), source.qualifiedName(), source.nodeName(), null,
				null, null);
		Optional<PodEndpoint> target = trace.destination().isLoopback() ? Optional.of(source)
				: network.podWithIp(trace.destination());
		Endpoint to = new Endpoint(Addresses.format(trace.destination()),
				target.map(PodEndpoint::qualifiedName).orElse(null), target.map(PodEndpoint::nodeName).orElse(null),
				trace.listener(), trace.port(), trace.port() == null ? null : trace.protocol().name());
		return new PathView(trace.disposition(), trace.scope(), from, to, trace.ttl(),
				trace.hops().stream().map(PathService::hop).toList(), trace.explanation());
	}

	private static HopView hop(Hop hop) {
		return new HopView(hop.device(), hop.kind(), hop.inInterface(), hop.outInterface(), hop.route(), hop.action(),
				hop.address() == null ? null : Addresses.format(hop.address()), hop.ttl(), hop.description());
	}
}

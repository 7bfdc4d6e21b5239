package io.podnet.reachability;

import io.podnet.ipam.Addresses;
import io.podnet.path.Flow;
import io.podnet.path.Hop;
import io.podnet.path.Trace;
import io.podnet.reachability.ReachabilityView.ClassView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Turns the computed answer into the API's, with words for each class and a link to its example's trace. */
final class Rendering {

	private final String cluster;
	private final Integer port;
	private final String protocol;
	private final Function<Flow, Trace> narrator;

	/** @param narrator traces an example flow again with its words (classes are decided without them) */
	Rendering(String cluster, Integer port, String protocol, Function<Flow, Trace> narrator) {
		this.cluster = cluster;
		this.port = port;
		this.protocol = protocol;
		this.narrator = narrator;
	}

	ReachabilityView render(String resourceVersion, PodFilter from, PodFilter to, Reachability answer) {
		return new ReachabilityView(cluster, resourceVersion, port, port == null ? null : protocol, from.text(), to.text(),
				new ReachabilityView.Population(answer.sourcePods(), answer.sourceNodes()),
				new ReachabilityView.Population(answer.destinationPods(), answer.destinationNodes()),
				answer.allReachable(), answer.pairs(), classes(answer.exceptions()), classes(answer.outside()),
				answer.traces());
	}

	private List<ClassView> classes(List<ClassGroup> groups) {
		return groups.stream().map(this::view).toList();
	}

	ClassView view(ClassGroup group) {
		TracedClass example = group.example();
		Trace trace = narrator.apply(example.flow());
		Hop last = trace.lastHop();
		String route = trace.hops().stream().map(Hop::route).filter(r -> r != null).reduce((a, b) -> b).orElse(null);
		String source = example.source().name();
		String destination = Addresses.format(example.flow().destination());
		return new ClassView(group.disposition(),
				new ReachabilityView.Sources(group.scope(), group.sourcePods(), group.sourceNodes()),
				new ReachabilityView.Destinations(group.kind(), describe(group), group.destinationPods(),
						group.destinations(), group.destinationExamples()),
				new ReachabilityView.Stop(last.device(), last.kind(), last.inInterface(), last.outInterface()), route,
				group.pairs(),
				new ReachabilityView.Example(source, destination, port, port == null ? null : protocol,
						trace.explanation()),
				link(source, destination));
	}

	/** The paths endpoint's URL for the flow: following it shows every hop. */
	private String link(String source, String destination) {
		String query = "from=" + encode(source) + "&to=" + encode(destination)
				+ (port == null ? "" : "&port=" + port + "&protocol=" + protocol);
		return "/api/v1/clusters/" + encode(cluster) + "/paths?" + query;
	}

	/** Query-encoded, leaving '/' and ':' as they are: both are allowed in a query and read better. */
	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":");
	}

	private String describe(ClassGroup group) {
		String where = switch (group.scope()) {
			case SAME_POD -> "each pod to itself";
			case SAME_NODE -> "on the sources' own node";
			case OTHER_NODES -> "on other nodes than the sources'";
			case EVERY_NODE -> "from pods on every node";
		};
		String what = switch (group.kind()) {
			case POD -> port == null ? "pods"
					: group.listening() ? "pods that listen on " + port + "/" + protocol
							: "pods that do not listen on " + port + "/" + protocol;
			case BRIDGE -> "node bridges (cbr0)";
			case FREE_POD_ADDRESS -> "pod-subnet addresses that no pod holds";
			case NODE -> "nodes' own addresses";
			case GATEWAY -> "the gateway";
			case FREE_NODE_ADDRESS -> "node-network addresses that neither a node nor the gateway holds";
			case PREFIX -> "addresses whose longest-matching prefix is " + group.prefix();
		};
		return group.scope() == SourceScope.SAME_POD ? what + ", " + where : what + " " + where;
	}
}

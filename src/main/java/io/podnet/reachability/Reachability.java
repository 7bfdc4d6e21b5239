package io.podnet.reachability;

import io.podnet.path.Disposition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole answer: every ordered pair of a selected source pod and a selected destination pod
 * counted by disposition, the pairs that are not ACCEPTED as grouped classes ({@code exceptions}),
 * and what happens to every other destination ({@code outside}).
 *
 * @param allReachable whether no pod pair ends other than ACCEPTED (true as well when there are no pairs)
 * @param traces how many flows were traced to decide it: one per class
 */
record Reachability(long sourcePods, int sourceNodes, long destinationPods, int destinationNodes,
		boolean allReachable, Map<Disposition, Long> pairs, List<ClassGroup> exceptions, List<ClassGroup> outside,
		int traces) {

	private static final int EXAMPLES = 5;

	private record Key(SourceScope scope, DestinationKind kind, String prefix, boolean listening,
			Disposition disposition, Object stopsAt) {
	}

	/** The classes grouped as the answer groups them, whatever their disposition: for an intent's broken classes. */
	static List<ClassGroup> grouped(ClusterPlan plan, List<TracedClass> classes) {
		Map<String, Long> sourcesByNode = new LinkedHashMap<>();
		long sourcePods = 0;
		for (PodGroup group : plan.groups()) {
			if (group.sources() > 0) {
				sourcesByNode.merge(group.node(), group.sources(), Long::sum);
			}
			sourcePods += group.sources();
		}
		Map<Key, List<TracedClass>> grouped = new LinkedHashMap<>();
		for (TracedClass traced : classes) {
			Key key = new Key(traced.scope(), traced.kind(), traced.prefix(), traced.listening(),
					traced.trace().disposition(), traced.trace().lastHop().kind());
			grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(traced);
		}
		long allSources = sourcePods;
		return grouped.values().stream().map(members -> group(members, sourcesByNode, allSources)).toList();
	}

	/** Sums the traced classes of a plan up. */
	static Reachability of(ClusterPlan plan, List<TracedClass> classes) {
		Map<String, Long> sourcesByNode = new LinkedHashMap<>();
		long sourcePods = 0;
		long destinationPods = 0;
		Set<String> destinationNodes = new HashSet<>();
		for (PodGroup group : plan.groups()) {
			if (group.sources() > 0) {
				sourcesByNode.merge(group.node(), group.sources(), Long::sum);
			}
			sourcePods += group.sources();
			destinationPods += group.destinations();
			if (group.destinations() > 0) {
				destinationNodes.add(group.node());
			}
		}
		Map<Disposition, Long> pairs = new EnumMap<>(Disposition.class);
		Map<Key, List<TracedClass>> grouped = new LinkedHashMap<>();
		for (TracedClass traced : classes) {
			if (traced.kind() == DestinationKind.POD) {
				pairs.merge(traced.trace().disposition(), traced.pairs(), Math::addExact);
			}
			Key key = new Key(traced.scope(), traced.kind(), traced.prefix(), traced.listening(),
					traced.trace().disposition(), traced.trace().lastHop().kind());
			grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(traced);
		}
		List<ClassGroup> exceptions = new ArrayList<>();
		List<ClassGroup> outside = new ArrayList<>();
		for (List<TracedClass> members : grouped.values()) {
			ClassGroup group = group(members, sourcesByNode, sourcePods);
			if (group.kind() != DestinationKind.POD) {
				outside.add(group);
			} else if (group.disposition() != Disposition.ACCEPTED) {
				exceptions.add(group);
			}
		}
		exceptions.sort(Comparator.comparingLong(ClassGroup::pairs).reversed());
		boolean allReachable = pairs.keySet().stream().allMatch(d -> d == Disposition.ACCEPTED);
		return new Reachability(sourcePods, sourcesByNode.size(), destinationPods, destinationNodes.size(),
				allReachable, pairs, exceptions, outside, classes.size());
	}

	private static ClassGroup group(List<TracedClass> members, Map<String, Long> sourcesByNode, long allSources) {
		TracedClass first = members.get(0);
		Set<String> nodes = new HashSet<>();
		long destinationPods = 0;
		long pairs = 0;
		List<String> examples = new ArrayList<>();
		for (TracedClass member : members) {
			if (member.node() != null) {
				nodes.add(member.node());
			}
			destinationPods += member.destinationPods();
			pairs += member.pairs();
			if (examples.size() < EXAMPLES) {
				examples.add(member.destination());
			}
		}
		long sourcePods;
		int sourceNodes;
		switch (first.scope()) {
			case SAME_POD, SAME_NODE -> {
				sourcePods = nodes.stream().mapToLong(node -> sourcesByNode.getOrDefault(node, 0L)).sum();
				sourceNodes = (int) nodes.stream().filter(sourcesByNode::containsKey).count();
			}
			case OTHER_NODES -> {
				// every source node is "other" to one of two destination nodes or more
				String only = nodes.size() == 1 ? nodes.iterator().next() : null;
				sourcePods = allSources - (only == null ? 0 : sourcesByNode.getOrDefault(only, 0L));
				sourceNodes = sourcesByNode.size() - (only != null && sourcesByNode.containsKey(only) ? 1 : 0);
			}
			default -> {
				sourcePods = allSources;
				sourceNodes = sourcesByNode.size();
			}
		}
		if (first.scope() == SourceScope.SAME_POD) {
			// each pod is its own source: the sources are the destinations
			sourcePods = destinationPods;
		}
		Objects.requireNonNull(first.trace());
		return new ClassGroup(first.scope(), first.kind(), first.prefix(), first.listening(),
				first.trace().disposition(), sourcePods, sourceNodes, destinationPods, members.size(), examples, pairs,
				first);
	}
}

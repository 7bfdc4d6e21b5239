package io.podnet.reachability;

import io.podnet.ipam.Addresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts pods into their {@link PodGroup}s as they are read, a page at a time, keeping two samples
 * per group and nothing else of them: the answer's memory grows with nodes, not with pods.
 */
final class PodGroups {

	private record Key(String node, boolean listening) {
	}

	private static final class Counts {
		long sources;
		long destinations;
		long both;
		final List<PodSample> sourceSamples = new ArrayList<>(2);
		final List<PodSample> destinationSamples = new ArrayList<>(2);
		PodSample bothSample;
	}

	private final Map<String, NodePlan> nodes;
	private final Map<Key, Counts> groups = new LinkedHashMap<>();

	/** @param nodes the cluster's nodes by name; each pod's address is marked taken in its node's subnet */
	PodGroups(Map<String, NodePlan> nodes) {
		this.nodes = nodes;
	}

	/** One pod of the cluster, whether the filters select it or not (its address is taken either way). */
	void add(String node, PodSample pod, boolean listening, boolean source, boolean destination) {
		add(node, Addresses.valueOf(pod.ip()), () -> pod, listening, source, destination);
	}

	/** The same, making the pod's sample only if it becomes one: most pods are only counted. */
	void add(String node, BigInteger ip, Supplier<PodSample> sample, boolean listening, boolean source,
			boolean destination) {
		NodePlan plan = nodes.get(node);
		if (plan == null) {
			// the pod's node is not in the plan: they were read in one snapshot, so this is a bug
			throw new IllegalStateException("a pod at " + ip + " is on node " + node + ", which the plan lacks");
		}
		plan.podAddresses().take(ip);
		if (!source && !destination) {
			return;
		}
		Sample pod = new Sample(sample);
		Counts counts = groups.computeIfAbsent(new Key(node, listening), key -> new Counts());
		if (source) {
			counts.sources++;
			sample(counts.sourceSamples, pod);
		}
		if (destination) {
			counts.destinations++;
			sample(counts.destinationSamples, pod);
		}
		if (source && destination) {
			counts.both++;
			if (counts.bothSample == null) {
				counts.bothSample = pod.get();
			}
		}
	}

	List<PodGroup> groups() {
		List<PodGroup> result = new ArrayList<>(groups.size());
		groups.forEach((key, c) -> result.add(new PodGroup(key.node(), key.listening(), c.sources, c.destinations,
				c.both, List.copyOf(c.sourceSamples), List.copyOf(c.destinationSamples), c.bothSample)));
		return result;
	}

	private static void sample(List<PodSample> samples, Sample pod) {
		if (samples.size() < 2) {
			samples.add(pod.get());
		}
	}

	/** A pod's sample, made at most once. */
	private static final class Sample {
		private final Supplier<PodSample> make;
		private PodSample made;

		Sample(Supplier<PodSample> make) {
			this.make = make;
		}

		PodSample get() {
			if (made == null) {
				made = make.get();
			}
			return made;
		}
	}
}

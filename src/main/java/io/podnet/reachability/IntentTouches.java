package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the writes of one transaction changed in one cluster, as far as flows go, and so which
 * intents they may have broken. Why this is enough:
 * <ul>
 * <li>every router decides by the destination alone, and a route added or deleted on the gateway
 * (a user route, or a node's with its node) changes the longest match of the addresses in its
 * prefix only: only flows to those addresses can change;</li>
 * <li>a node added or deleted also changes who answers at its own address, and what happens to
 * what static routes send to that address as next hop (the caller adds those routes' prefixes);</li>
 * <li>a pod added, deleted or relabelled changes the flows from and to that pod, and who answers at
 * its address; a pod that no selector of an intent selects cannot matter to it.</li>
 * </ul>
 * Flows the writes did not touch end as they did before; they kept the intent then, or broke it
 * in a write forced through it earlier, which is not this write's doing.
 */
final class IntentTouches {

	/** A pod written: as it is now (added, relabelled) or was last (deleted). */
	record TouchedPod(String namespace, String name, String node, BigInteger ip, Map<String, String> labels,
			boolean relabelled) {
	}

	private final List<IPAddress> prefixes = new ArrayList<>();
	private final List<IPAddress> nodeAddresses = new ArrayList<>();
	private final List<TouchedPod> pods = new ArrayList<>();

	void route(String destination) {
		prefixes.add(Addresses.parseNetwork("destination", destination));
	}

	void node(String address, String podSubnet) {
		IPAddress own = Addresses.parseAddress("address", address);
		nodeAddresses.add(own);
		prefixes.add(Addresses.blockFromValue(IpFamily.of(own), Addresses.valueOf(own), own.getBitCount()));
		prefixes.add(Addresses.parseNetwork("podSubnet", podSubnet));
	}

	/** A prefix whose flows go differently now: a static route's whose next hop is a node added or deleted. */
	void prefix(IPAddress prefix) {
		prefixes.add(prefix);
	}

	void pod(TouchedPod pod) {
		pods.add(pod);
	}

	List<IPAddress> nodeAddresses() {
		return nodeAddresses;
	}

	/** Whether the writes may have changed a flow the intent is about. */
	boolean mayChange(Intent intent) {
		for (TouchedPod pod : pods) {
			String ref = pod.namespace() + "/" + pod.name();
			for (PodFilter filter : List.of(intent.from(), intent.to())) {
				if (pod.relabelled() && filter.kind() == PodFilter.Kind.LABELS
						|| filter.selects(pod.namespace(), ref, pod.node(), pod.labels(), pod.ip())) {
					return true;
				}
			}
		}
		PodFilter to = intent.to();
		if (!to.includesAddresses()) {
			return false;
		}
		return prefixes.stream().anyMatch(prefix -> to.kind() == PodFilter.Kind.EVERY || overlaps(to, prefix));
	}

	/** Whether some address of the prefix is one of the cidr's, outside its exceptions. */
	private static boolean overlaps(PodFilter to, IPAddress prefix) {
		IPAddress cidr = to.cidr();
		if (IpFamily.of(cidr) != IpFamily.of(prefix) || !(cidr.contains(prefix) || prefix.contains(cidr))) {
			return false;
		}
		return to.except().stream().noneMatch(except -> except.contains(prefix));
	}
}

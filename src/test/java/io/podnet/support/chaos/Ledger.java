package io.podnet.support.chaos;

import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What clients were told: every acknowledged (2xx) write, and the writes whose answer never came
 * (connection lost, 503) and so may or may not have been committed. After a crash or an outage the
 * stored state is compared with it: an acknowledged write must be there exactly as answered.
 */
public final class Ledger {

	/** A node as its create was answered. */
	public record Node(String name, String address, String podSubnet) {
	}

	/** A pod as its create was answered: "namespace/name", its IP and its node. */
	public record Pod(String name, String ip, String node) {
	}

	private final Map<String, Node> nodes = new ConcurrentHashMap<>();
	private final Map<String, Pod> livePods = new ConcurrentHashMap<>();
	private final Map<String, Pod> deletedPods = new ConcurrentHashMap<>();
	/** Writes that got no answer, or a 503: the database decides whether they happened. */
	private final Set<String> unsure = ConcurrentHashMap.newKeySet();

	public void nodeCreated(Node node) {
		nodes.put(node.name(), node);
	}

	public void podCreated(Pod pod) {
		livePods.put(pod.name(), pod);
	}

	public void podDeleted(String name) {
		Pod pod = livePods.remove(name);
		if (pod != null) {
			deletedPods.put(name, pod);
		}
	}

	public void unsure(String resource) {
		unsure.add(resource);
	}

	/** A delete whose answer never came: the pod may be there or not. */
	public void deleteUnsure(String name) {
		livePods.remove(name);
		unsure.add(name);
	}

	public boolean isUnsure(String resource) {
		return unsure.contains(resource);
	}

	public int unsureCount() {
		return unsure.size();
	}

	public Map<String, Node> nodes() {
		return nodes;
	}

	public Map<String, Pod> livePods() {
		return livePods;
	}

	public Map<String, Pod> deletedPods() {
		return deletedPods;
	}

	public int acknowledged() {
		return nodes.size() + livePods.size();
	}

	/** Acknowledged pod IPs on a node, live or deleted since, as numbers. */
	public List<BigInteger> podIpsEverOn(String node) {
		List<BigInteger> ips = new ArrayList<>();
		for (Map<String, Pod> pods : List.of(livePods, deletedPods)) {
			pods.values().stream().filter(p -> p.node().equals(node)).forEach(p -> ips.add(value(p.ip())));
		}
		return ips;
	}

	/** An address as a number, to compare positions in a subnet. */
	public static BigInteger value(String address) {
		return new IPAddressString(address).getAddress().getValue();
	}
}

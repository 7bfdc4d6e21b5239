package io.podnet.support.chaos;

import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
	/** Every acknowledged write in the order it was recorded, so a test can ask what was settled before a moment. */
	private final List<Acknowledged> history = Collections.synchronizedList(new ArrayList<>());

	/** One acknowledged write: a node created, a pod created, or a pod deleted. */
	private record Acknowledged(Node createdNode, Pod createdPod, Pod deletedPod) {
	}

	public void nodeCreated(Node node) {
		nodes.put(node.name(), node);
		history.add(new Acknowledged(node, null, null));
	}

	public void podCreated(Pod pod) {
		livePods.put(pod.name(), pod);
		history.add(new Acknowledged(null, pod, null));
	}

	public void podDeleted(String name) {
		Pod pod = livePods.remove(name);
		if (pod != null) {
			deletedPods.put(name, pod);
			history.add(new Acknowledged(null, null, pod));
		}
	}

	/**
	 * A moment in the ledger: every write recorded so far was acknowledged before it. Taken right
	 * before a request such as a backup, {@link #before(int)} is what that request must find.
	 */
	public int mark() {
		return history.size();
	}

	/** The writes acknowledged before the mark, as a ledger of their own. */
	public Ledger before(int mark) {
		Ledger before = new Ledger();
		List<Acknowledged> settled;
		synchronized (history) {
			settled = List.copyOf(history.subList(0, mark));
		}
		for (Acknowledged write : settled) {
			if (write.createdNode() != null) {
				before.nodeCreated(write.createdNode());
			} else if (write.createdPod() != null) {
				before.podCreated(write.createdPod());
			} else {
				before.podDeleted(write.deletedPod().name());
			}
		}
		return before;
	}

	/**
	 * The names of the nodes and pods that writes acknowledged after the mark changed: pods created
	 * or deleted, nodes created or given or relieved of a pod (which changes their pod count and
	 * version).
	 */
	public Set<String> changedAfter(int mark) {
		Set<String> changed = new HashSet<>();
		synchronized (history) {
			for (Acknowledged write : history.subList(mark, history.size())) {
				if (write.createdNode() != null) {
					changed.add(write.createdNode().name());
				} else {
					Pod pod = write.createdPod() != null ? write.createdPod() : write.deletedPod();
					changed.add(pod.name());
					changed.add(pod.node());
				}
			}
		}
		return changed;
	}

	/** Whether a node was created after the mark (which changes the cluster and the gateway's routes). */
	public boolean nodeCreatedAfter(int mark) {
		synchronized (history) {
			return history.subList(mark, history.size()).stream().anyMatch(write -> write.createdNode() != null);
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

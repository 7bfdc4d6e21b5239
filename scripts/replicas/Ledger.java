package replicas;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the replicas acknowledged, beyond each client's own pods (kept by {@link Client}): the nodes
 * with their allocation, how many pods are live, and a log of every acknowledged pod write.
 */
final class Ledger {

	/** Node name -> { address, podSubnet } as the 201 answered them. */
	static final Map<String, String[]> ackedNodes = new ConcurrentHashMap<>();
	static volatile List<String> nodeNames = List.of();
	static final AtomicInteger livePods = new AtomicInteger();
	/** Every acknowledged pod write (201, 204, and creates settled by a GET), for the post-mortem. */
	static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

	private Ledger() {
	}
}

package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.api.Force;
import io.podnet.audit.AuditNote;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.Route;
import io.podnet.kubenet.RouteKind;
import io.podnet.routing.RouteService;
import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeListener;
import io.podnet.watch.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses (409) every write that would break an intent, unless it says {@code ?force=true}, which
 * the audit record then notes with the intents broken. It hears of the writes as the features
 * record them for watchers (the route, node and pod writes), so no write service calls it, and
 * checks them all at once just before the transaction commits, when every row is written: inside
 * the transaction, holding the cluster's intent guard row until the commit, so that the checks of
 * one cluster run one at a time and each sees the writes checked before it. A rolled-back
 * transaction (a dry run, a what-if) never gets there.
 *
 * <p>Only the intents whose flows the writes may have changed are decided ({@link IntentTouches}):
 * a node create changes no flow to a pod, so "pods reach pods" costs it nothing.
 */
@Component
class IntentGuard implements ChangeListener {

	private final IntentService intents;
	private final IntentRepository repository;
	private final IntentCheck check;
	private final ClusterService clusters;
	private final RouteService routes;
	private final JsonMapper json;

	IntentGuard(IntentService intents, IntentRepository repository, IntentCheck check, ClusterService clusters,
			RouteService routes, JsonMapper json) {
		this.intents = intents;
		this.repository = repository;
		this.check = check;
		this.clusters = clusters;
		this.routes = routes;
		this.json = json;
	}

	/** A change as recorded; read only if the cluster has intents. */
	private record Recorded(String kind, EventType type, String object) {
	}

	@Override
	public void recorded(String kind, long clusterId, EventType type, String object) {
		boolean routing = (kind.equals(ChangeKinds.NODE) || kind.equals(ChangeKinds.ROUTE))
				&& (type == EventType.ADDED || type == EventType.DELETED);
		if (routing || kind.equals(ChangeKinds.POD)) {
			recordedIn(clusterId).add(new Recorded(kind, type, object));
		}
	}

	/** The transaction's changes of the cluster, checked before it commits. */
	@SuppressWarnings("unchecked")
	private List<Recorded> recordedIn(long clusterId) {
		Map<Long, List<Recorded>> byCluster = (Map<Long, List<Recorded>>) TransactionSynchronizationManager
				.getResource(this);
		if (byCluster == null) {
			Map<Long, List<Recorded>> bound = new LinkedHashMap<>();
			byCluster = bound;
			TransactionSynchronizationManager.bindResource(this, bound);
			TransactionSynchronizationManager.registerSynchronization(new Check(bound));
		}
		return byCluster.computeIfAbsent(clusterId, id -> new ArrayList<>());
	}

	private IntentTouches touches(List<Recorded> changes) {
		IntentTouches touches = new IntentTouches();
		for (Recorded change : changes) {
			JsonNode view = json.readTree(change.object());
			switch (change.kind()) {
				case ChangeKinds.ROUTE -> touches.route(view.get("destination").asString());
				case ChangeKinds.NODE -> touches.node(view.get("address").asString(), view.get("podSubnet").asString());
				default -> touches.pod(new IntentTouches.TouchedPod(view.get("namespace").asString(),
						view.get("name").asString(), view.get("nodeName").asString(),
						Addresses.valueOf(Addresses.parseAddress("ip", view.get("ip").asString())), labels(view),
						change.type() == EventType.MODIFIED));
			}
		}
		return touches;
	}

	/**
	 * First of the transaction's synchronizations: before the audit record is written (which takes
	 * the note of a forced write) and before the change log takes its counter's lock.
	 */
	private final class Check implements TransactionSynchronization, Ordered {

		private final Map<Long, List<Recorded>> byCluster;

		Check(Map<Long, List<Recorded>> byCluster) {
			this.byCluster = byCluster;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			byCluster.forEach(IntentGuard.this::check);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(IntentGuard.this);
		}
	}

	private void check(long clusterId, List<Recorded> changes) {
		OptionalInt declared = repository.lockGuard(clusterId);
		if (declared.orElse(0) == 0) {
			return;
		}
		IntentTouches touches = touches(changes);
		List<Intent> touched = new ArrayList<>();
		Cluster cluster = null;
		for (Intent intent : intents.all(clusterId)) {
			if (intent.to().includesAddresses() && !touches.nodeAddresses().isEmpty() && cluster == null) {
				cluster = clusters.byId(clusterId).orElseThrow();
				viaNodes(cluster, touches);
			}
			if (touches.mayChange(intent)) {
				touched.add(intent);
			}
		}
		if (touched.isEmpty()) {
			return;
		}
		String name = (cluster != null ? cluster : clusters.byId(clusterId).orElseThrow()).getName();
		// the entities' last writes (a node row deleted...) reach the database before the plain reads
		repository.flush();
		List<IntentStatus> broken = touched.stream().map(intent -> check.evaluate(name, intent))
				.filter(verdict -> !verdict.holds()).map(IntentStatus::of).toList();
		if (broken.isEmpty()) {
			return;
		}
		if (!Force.requested()) {
			throw new IntentsBroken(name, broken);
		}
		AuditNote.add("forced through intents it broke: " + String.join(", ", broken.stream()
				.map(b -> b.name() + " (" + b.brokenClasses() + " class(es) not " + b.expect() + ")").toList()));
	}

	/** The static routes via a node added or deleted: what they send there now goes elsewhere. */
	private void viaNodes(Cluster cluster, IntentTouches touches) {
		for (Route route : routes.userRoutes(cluster, Integer.MAX_VALUE).routes()) {
			if (route.kind() == RouteKind.STATIC) {
				for (IPAddress address : touches.nodeAddresses()) {
					if (address.withoutPrefixLength().equals(route.nextHop())) {
						touches.prefix(route.destination());
					}
				}
			}
		}
	}

	private static Map<String, String> labels(JsonNode view) {
		Map<String, String> labels = new TreeMap<>();
		JsonNode node = view.get("labels");
		if (node != null) {
			node.properties().forEach(entry -> labels.put(entry.getKey(), entry.getValue().asString()));
		}
		return labels;
	}
}

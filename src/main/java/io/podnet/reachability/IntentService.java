package io.podnet.reachability;

import io.podnet.api.ItemList;
import io.podnet.cluster.Cluster;
import io.podnet.cluster.ClusterService;
import io.podnet.database.ReadSnapshot;
import io.podnet.node.NodePodCounters;
import io.podnet.problem.Conflict;
import io.podnet.problem.ResourceNotFound;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declares, lists and drops intents. A new intent is checked against the cluster as it is, under
 * every lock a write of the cluster takes (the cluster row: node and route writes; every node's pod
 * counters: pod writes; the intent guard: the checks), so no write slips between the check and the
 * intent's being there to check that write.
 */
@Service
class IntentService {

	private final IntentRepository intents;
	private final IntentCheck check;
	private final ClusterService clusters;
	private final NodePodCounters podCounters;
	private final JsonMapper json;
	private final ReadSnapshot snapshot;

	IntentService(IntentRepository intents, IntentCheck check, ClusterService clusters, NodePodCounters podCounters,
			JsonMapper json, ReadSnapshot snapshot) {
		this.intents = intents;
		this.check = check;
		this.clusters = clusters;
		this.podCounters = podCounters;
		this.json = json;
		this.snapshot = snapshot;
	}

	@Transactional
	IntentView create(String clusterName, IntentRequest request) {
		Intent intent = Intent.of(request);
		Cluster cluster = clusters.lock(clusterName);
		intent.checkFamily(cluster.getIpFamily(), cluster.getPodNetwork());
		podCounters.lockAll(cluster.getId());
		OptionalInt guard = intents.lockGuard(cluster.getId());
		if (intents.find(cluster.getId(), intent.name()).isPresent()) {
			throw Conflict.alreadyExists("intent", intent.name(), "cluster '" + clusterName + "'");
		}
		IntentCheck.Verdict verdict = check.evaluate(clusterName, intent);
		if (verdict.sourcePods() == 0) {
			throw new IntentSelectsNothing("from", intent.from().text(), "pod");
		}
		if (verdict.destinationPods() == 0 && !verdict.addresses()) {
			throw new IntentSelectsNothing("to", intent.to().text(), "pod");
		}
		IntentStatus status = IntentStatus.of(verdict);
		if (!verdict.holds()) {
			throw new IntentFalse(clusterName, status);
		}
		// microseconds: what both databases keep, so a GET shows what the POST answered
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		intents.insert(cluster.getId(), intent.name(), json.writeValueAsString(intent.declaration()), createdAt);
		intents.setCount(cluster.getId(), guard.orElse(0) + 1, guard.isPresent());
		return IntentView.of(intent.declaration(), createdAt, status);
	}

	ItemList<IntentView> list(String clusterName) {
		return snapshot.read(() -> {
			Cluster cluster = clusters.find(clusterName);
			List<IntentView> items = intents.all(cluster.getId()).stream()
					.map(stored -> IntentView.of(declaration(stored), stored.createdAt(), null)).toList();
			return new ItemList<>(new ItemList.ListMeta(null), items);
		});
	}

	/** The intent with how it stands now, decided on one snapshot of the cluster. */
	IntentView get(String clusterName, String name) {
		return snapshot.read(() -> {
			Cluster cluster = clusters.find(clusterName);
			IntentRepository.Stored stored = intents.find(cluster.getId(), name).orElseThrow(() -> notFound(clusterName,
					name));
			IntentRequest declaration = declaration(stored);
			IntentStatus status = IntentStatus.of(check.evaluate(clusterName, Intent.of(declaration)));
			return IntentView.of(declaration, stored.createdAt(), status);
		});
	}

	@Transactional
	void delete(String clusterName, String name) {
		Cluster cluster = clusters.find(clusterName);
		OptionalInt guard = intents.lockGuard(cluster.getId());
		if (!intents.delete(cluster.getId(), name)) {
			throw notFound(clusterName, name);
		}
		intents.setCount(cluster.getId(), Math.max(0, guard.orElse(1) - 1), guard.isPresent());
	}

	/** Every intent of the cluster, parsed: for the check of a write. */
	List<Intent> all(long clusterId) {
		return intents.all(clusterId).stream().map(stored -> Intent.of(declaration(stored))).toList();
	}

	private IntentRequest declaration(IntentRepository.Stored stored) {
		return json.readValue(stored.declaration(), IntentRequest.class);
	}

	private static ResourceNotFound notFound(String cluster, String name) {
		return new ResourceNotFound("intent", name, "cluster '" + cluster + "'");
	}
}

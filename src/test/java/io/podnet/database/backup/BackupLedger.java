package io.podnet.database.backup;

import io.podnet.support.chaos.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a state restored from a backup owes the clients of the original: every node and pod whose
 * create was acknowledged before the backup began, as answered (a pod never changes, so at
 * resourceVersion 0), unless a delete of the pod was acknowledged later (one sent before the
 * backup began may have committed before its snapshot); none whose delete was acknowledged before
 * it; and nothing that no client ever created.
 */
record BackupLedger(int acknowledged, int deletedMeanwhile, List<String> violations) {

	/** Checks the restored state against the writes acknowledged before the mark (and all writes since). */
	static BackupLedger check(ServedState restored, Ledger ledger, int mark) {
		List<String> violations = new ArrayList<>();
		int[] deletedMeanwhile = { 0 };
		Ledger before = ledger.before(mark);
		Set<String> changedLater = ledger.changedAfter(mark);
		before.nodes().forEach((name, acked) -> {
			JsonNode node = restored.nodes().get(name);
			if (node == null || !acked.address().equals(node.path("address").asString())
					|| !acked.podSubnet().equals(node.path("podSubnet").asString())) {
				violations.add("node " + acked + " was acknowledged before the backup but is restored as " + node);
			}
		});
		before.livePods().forEach((name, acked) -> {
			JsonNode pod = restored.pods().get(name);
			if (pod == null && changedLater.contains(name)) {
				deletedMeanwhile[0]++;
				return;
			}
			if (pod == null || !acked.ip().equals(pod.path("ip").asString())
					|| !acked.node().equals(pod.path("nodeName").asString())
					|| !"0".equals(pod.path("resourceVersion").asString())) {
				violations.add("pod " + acked + " was acknowledged before the backup but is restored as " + pod);
			}
		});
		before.deletedPods().keySet().stream().filter(restored.pods()::containsKey).forEach(name -> violations.add(
				"pod " + name + " was deleted (204) before the backup but is restored"));
		restored.nodes().keySet().stream().filter(name -> !ledger.nodes().containsKey(name)).forEach(name -> violations
				.add("node " + name + " is restored but no client created it"));
		restored.pods().keySet().stream().filter(name -> !ledger.livePods().containsKey(name)
				&& !ledger.deletedPods().containsKey(name)).forEach(name -> violations.add("pod " + name
						+ " is restored but no client created it"));
		return new BackupLedger(before.acknowledged() + before.deletedPods().size(), deletedMeanwhile[0], violations);
	}
}

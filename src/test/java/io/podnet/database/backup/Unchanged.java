package io.podnet.database.backup;

import io.podnet.support.chaos.Ledger;
import io.podnet.database.backup.ServedState.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares the answers of a service restored from a backup taken under load with the original's
 * after the load: every answer about a resource that no write acknowledged after the backup began
 * changed must be byte-identical (resourceVersion and createdAt included). Lists are left out, and
 * so are the cluster and its gateway routes when a node was added meanwhile.
 */
record Unchanged(int identical, int skipped, List<String> differences) {

	static Unchanged compare(ServedState original, ServedState restored, Ledger ledger, int mark) {
		Set<String> changed = ledger.changedAfter(mark);
		boolean nodesAdded = ledger.nodeCreatedAfter(mark);
		int identical = 0;
		int skipped = 0;
		List<String> differences = new ArrayList<>();
		for (String path : restored.union(original)) {
			Answer there = original.answers().get(path);
			Answer here = restored.answers().get(path);
			Answer about = here != null ? here : there;
			boolean mayDiffer = switch (about.kind()) {
				case LIST -> true;
				case CLUSTER, GATEWAY_ROUTES -> nodesAdded;
				case NODE, NODE_ROUTES, POD -> changed.contains(about.name());
			};
			if (mayDiffer) {
				skipped++;
			} else if (here != null && there != null && here.body().equals(there.body())) {
				identical++;
			} else {
				differences.add(path + "\n  restored: " + (here == null ? "(none)" : here.body()) + "\n  original: "
						+ (there == null ? "(none)" : there.body()));
			}
		}
		return new Unchanged(identical, skipped, differences);
	}
}

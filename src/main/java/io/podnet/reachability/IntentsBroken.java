package io.podnet.reachability;

import io.podnet.problem.Conflict;
import java.util.List;

/**
 * A write that would break intents, refused (409): the intents it breaks, each with the classes of
 * flows that would break it and an example flow of each. {@code ?force=true} carries it out.
 */
class IntentsBroken extends Conflict {

	IntentsBroken(String cluster, List<IntentStatus> broken) {
		super("intent-broken", "Breaks an intent", "the write would break intent " + names(broken) + " of cluster '"
				+ cluster + "': " + broken.get(0).brokenClasses() + " class(es) of flows of '" + broken.get(0).name()
				+ "' would not end " + broken.get(0).expect() + " (see intents[].broken for each with an example flow "
				+ "and its trace). Nothing was changed; change the write, or the intent, or repeat the write with "
				+ "?force=true to carry it out anyway (recorded in the audit log)");
		with("intents", broken);
	}

	private static String names(List<IntentStatus> broken) {
		return String.join(", ", broken.stream().map(b -> "'" + b.name() + "'").toList());
	}
}

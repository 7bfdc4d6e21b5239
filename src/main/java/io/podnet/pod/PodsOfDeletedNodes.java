package io.podnet.pod;

import io.podnet.watch.ChangeKinds;
import io.podnet.watch.ChangeLog;
import io.podnet.watch.EventType;
import org.springframework.data.domain.Limit;
import io.podnet.node.NodeDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A node deleted with ?cascade=true takes its pods along, in its own transaction; the node's
 * service has already refused the delete of a node with pods without it.
 */
@Component
class PodsOfDeletedNodes {

	private final PodRepository pods;
	private final ChangeLog changes;

	PodsOfDeletedNodes(PodRepository pods, ChangeLog changes) {
		this.pods = pods;
		this.changes = changes;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(NodeDeleted deleted) {
		for (Pod pod : pods.findOnNodeAfterNamespace(deleted.node(), "", Limit.unlimited())) {
			changes.record(ChangeKinds.POD, pod.getCluster().getId(), EventType.DELETED, PodView.of(pod));
		}
		pods.deleteByNode(deleted.node());
	}
}

package io.podnet.pod;

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

	PodsOfDeletedNodes(PodRepository pods) {
		this.pods = pods;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(NodeDeleted deleted) {
		pods.deleteByNode(deleted.node());
	}
}

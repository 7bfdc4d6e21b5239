package io.podnet.node;

import jakarta.persistence.EntityManager;
import org.hibernate.Hibernate;
import org.springframework.stereotype.Repository;

/**
 * A node as its rows are now, in the caller's transaction. The pod writers change a node's pod
 * count and version with plain SQL on node_pods, around the entity, so a node already read in the
 * transaction would show them as they were: it is read again.
 */
@Repository
class FreshNodes {

	private final EntityManager entityManager;

	FreshNodes(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	Node read(long nodeId) {
		Node node = entityManager.getReference(Node.class, nodeId);
		if (Hibernate.isInitialized(node)) {
			entityManager.refresh(node);
		}
		return node;
	}
}

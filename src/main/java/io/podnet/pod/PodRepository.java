package io.podnet.pod;

import io.podnet.cluster.Cluster;
import io.podnet.node.Node;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PodRepository extends JpaRepository<Pod, Long> {

	/** Deletes a node's pods along with it (DELETE .../nodes/{node}?cascade=true). */
	@Modifying
	@Query("delete from Pod p where p.node = :node")
	int deleteByNode(Node node);

	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.namespace = :namespace"
			+ " and p.name = :name")
	Optional<Pod> find(Cluster cluster, String namespace, String name);

	/**
	 * The pod without its node: a delete needs only the node's id (for the lock on its pod
	 * counters), which the pod row holds, so the node is not joined.
	 */
	@Query("select p from Pod p where p.cluster = :cluster and p.namespace = :namespace and p.name = :name")
	Optional<Pod> findWithoutNode(Cluster cluster, String namespace, String name);


	/** A page of a namespace's pods by name, after the given one (keyset paging). */
	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.namespace = :namespace"
			+ " and p.name > :afterName order by p.cluster.id, p.namespace, p.name")
	List<Pod> findInNamespace(Cluster cluster, String namespace, String afterName, Limit limit);

	/*
	 * Keyset pages over (namespace, name) are read as two index range scans, the rest of the current
	 * namespace and then the namespaces after it, rather than one row-value comparison. Each orders by
	 * every column of its index, the leading cluster or node id too: only then does H2 read the rows
	 * in index order instead of sorting the whole range (bench/design-notes.md).
	 */

	/** The cluster's pods in namespaces after the given one, by namespace and name. */
	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.namespace > :afterNamespace"
			+ " order by p.cluster.id, p.namespace, p.name")
	List<Pod> findInClusterAfterNamespace(Cluster cluster, String afterNamespace, Limit limit);

	/** The pods with these ids, with their nodes, in no particular order. */
	@Query("select p from Pod p join fetch p.node where p.id in :ids")
	List<Pod> findWithNodes(Collection<Long> ids);

	/** The cluster's pod with this IP, if any: one entry of the unique (cluster, IP) index. */
	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.ipValue = :ipValue")
	Optional<Pod> findByIp(Cluster cluster, BigInteger ipValue);

	/** A node's pods in one namespace after the given name, by name. */
	@Query("select p from Pod p join fetch p.node where p.node = :node and p.namespace = :namespace"
			+ " and p.name > :afterName order by p.node.id, p.namespace, p.name")
	List<Pod> findOnNodeInNamespace(Node node, String namespace, String afterName, Limit limit);

	/** A node's pods in namespaces after the given one, by namespace and name. */
	@Query("select p from Pod p join fetch p.node where p.node = :node and p.namespace > :afterNamespace"
			+ " order by p.node.id, p.namespace, p.name")
	List<Pod> findOnNodeAfterNamespace(Node node, String afterNamespace, Limit limit);
}

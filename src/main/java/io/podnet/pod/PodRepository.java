package io.podnet.pod;

import io.podnet.cluster.Cluster;
import io.podnet.node.Node;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PodRepository extends JpaRepository<Pod, Long> {

	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.namespace = :namespace"
			+ " and p.name = :name")
	Optional<Pod> find(Cluster cluster, String namespace, String name);

	boolean existsByClusterAndNamespaceAndName(Cluster cluster, String namespace, String name);

	Optional<Pod> findByClusterAndIpValue(Cluster cluster, BigInteger ipValue);

	boolean existsByNodeAndHostInterface(Node node, String hostInterface);

	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster and p.namespace = :namespace"
			+ " order by p.name")
	List<Pod> findInNamespace(Cluster cluster, String namespace);

	@Query("select p from Pod p join fetch p.node where p.cluster = :cluster order by p.namespace, p.name")
	List<Pod> findInCluster(Cluster cluster);

	@Query("select p from Pod p join fetch p.node where p.node = :node order by p.namespace, p.name")
	List<Pod> findOnNode(Node node);

	/** Taken pod IPs of a node in [from, to], in order: what the next-fit allocator reads. */
	@Query("select p.ipValue from Pod p where p.node = :node and p.ipValue between :from and :to order by p.ipValue")
	List<BigInteger> ipValuesBetween(Node node, BigInteger from, BigInteger to, Limit limit);
}

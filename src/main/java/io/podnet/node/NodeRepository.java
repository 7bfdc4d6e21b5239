package io.podnet.node;

import io.podnet.cluster.Cluster;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface NodeRepository extends JpaRepository<Node, Long> {

	Optional<Node> findByClusterAndName(Cluster cluster, String name);

	boolean existsByClusterAndName(Cluster cluster, String name);

	long countByCluster(Cluster cluster);

	/** Nodes per cluster, by cluster id: one query for a whole list of clusters. */
	@Query("select n.cluster.id, count(n) from Node n group by n.cluster.id")
	List<Object[]> countPerCluster();

	/** A page of the cluster's nodes by name, after the given one (keyset paging). */
	@Query("select n from Node n where n.cluster = :cluster and n.name > :after order by n.cluster.id, n.name")
	List<Node> findPage(Cluster cluster, String after, Limit limit);

	Optional<Node> findByClusterAndAddressValue(Cluster cluster, BigInteger addressValue);

	Optional<Node> findByClusterAndPodSubnetValue(Cluster cluster, BigInteger podSubnetValue);

	/** Taken node addresses in [from, to], in order: what the next-fit allocator reads. */
	@Query("select n.addressValue from Node n where n.cluster = :cluster and n.addressValue between :from and :to"
			+ " order by n.addressValue")
	List<BigInteger> addressValuesBetween(Cluster cluster, BigInteger from, BigInteger to, Limit limit);

	/** Taken node subnets in [from, to], by network address, in order. */
	@Query("select n.podSubnetValue from Node n where n.cluster = :cluster and n.podSubnetValue between :from and :to"
			+ " order by n.podSubnetValue")
	List<BigInteger> podSubnetValuesBetween(Cluster cluster, BigInteger from, BigInteger to, Limit limit);

	Optional<Node> findByClusterAndSecondaryAddressValue(Cluster cluster, BigInteger secondaryAddressValue);

	Optional<Node> findByClusterAndSecondaryPodSubnetValue(Cluster cluster, BigInteger secondaryPodSubnetValue);

	/** Taken second-family node addresses in [from, to], in order. */
	@Query("select n.secondaryAddressValue from Node n where n.cluster = :cluster"
			+ " and n.secondaryAddressValue between :from and :to order by n.secondaryAddressValue")
	List<BigInteger> secondaryAddressValuesBetween(Cluster cluster, BigInteger from, BigInteger to, Limit limit);

	/** Taken second-family node subnets in [from, to], by network address, in order. */
	@Query("select n.secondaryPodSubnetValue from Node n where n.cluster = :cluster"
			+ " and n.secondaryPodSubnetValue between :from and :to order by n.secondaryPodSubnetValue")
	List<BigInteger> secondaryPodSubnetValuesBetween(Cluster cluster, BigInteger from, BigInteger to, Limit limit);
}

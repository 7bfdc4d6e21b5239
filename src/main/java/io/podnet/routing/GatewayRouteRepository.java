package io.podnet.routing;

import io.podnet.cluster.Cluster;
import io.podnet.ipam.IpFamily;
import io.podnet.node.Node;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface GatewayRouteRepository extends JpaRepository<GatewayRoute, Long> {

	/** The stored routes in address order, with their nodes, in one query. */
	@Query("select r from GatewayRoute r left join fetch r.node where r.cluster = :cluster"
			+ " order by r.ipFamily, r.destinationValue, r.prefixLength")
	List<GatewayRoute> findByClusterInOrder(Cluster cluster);

	Optional<GatewayRoute> findByClusterAndIpFamilyAndDestinationValueAndPrefixLength(Cluster cluster, IpFamily ipFamily,
			BigInteger destinationValue, int prefixLength);

	/** User routes at least as long as {@code prefixLength}: they block the node subnets they fall in. */
	@Query("select r from GatewayRoute r where r.cluster = :cluster and r.node is null and r.ipFamily = :family"
			+ " and r.prefixLength >= :prefixLength")
	List<GatewayRoute> findUserRoutesAtLeast(Cluster cluster, IpFamily family, int prefixLength);

	@Query("select count(r) from GatewayRoute r where r.cluster = :cluster and r.node is null")
	long countUserRoutes(Cluster cluster);

	/** Rows of cluster id and its count of user routes, for clusters with any. */
	@Query("select r.cluster.id, count(r) from GatewayRoute r where r.node is null group by r.cluster.id")
	List<Object[]> countUserRoutesPerCluster();

	/** The node's routes, one per family. */
	List<GatewayRoute> findByNode(Node node);

	/** The first of the cluster's user routes in address order, as many as the limit allows. */
	@Query("select r from GatewayRoute r where r.cluster = :cluster and r.node is null"
			+ " order by r.ipFamily, r.destinationValue, r.prefixLength")
	List<GatewayRoute> findUserRoutesInOrder(Cluster cluster, Limit limit);

	/** The cluster's user routes (those without a node). */
	@Query("select r from GatewayRoute r where r.cluster.id = :clusterId and r.node is null")
	List<GatewayRoute> findUserRoutes(long clusterId);

}

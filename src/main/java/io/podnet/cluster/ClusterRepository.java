package io.podnet.cluster;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ClusterRepository extends JpaRepository<Cluster, Long> {

	Optional<Cluster> findByName(String name);

	/** The cluster row locked for update: writers that allocate node subnets or addresses take it. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Cluster c where c.name = :name")
	Optional<Cluster> findByNameForUpdate(String name);

	/** A page of clusters by name, after the given one (keyset paging). */
	@Query("select c from Cluster c where c.name > :after order by c.name")
	List<Cluster> findPage(String after, Limit limit);

	/** A page of those of the named clusters that exist, by name (a token's scope). */
	@Query("select c from Cluster c where c.name > :after and c.name in :names order by c.name")
	List<Cluster> findPageAmong(String after, List<String> names, Limit limit);

}

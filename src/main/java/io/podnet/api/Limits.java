package io.podnet.api;

import io.podnet.problem.LimitExceeded;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much one request may read or one cluster may hold, so that no request's work grows without
 * bound: list pages, and the collections nothing else bounds (clusters, a cluster's nodes, its
 * user routes). Pods are bounded by their nodes' capacity. Set with {@code podnet.limits.*}.
 *
 * @param defaultPageSize items in a list answer when the request gives no limit
 * @param maxPageSize the largest limit a list request may ask for
 * @param clusters clusters in all
 * @param nodesPerCluster nodes of one cluster (Kubernetes supports 5,000)
 * @param userRoutesPerCluster user routes on one cluster's gateway
 */
@ConfigurationProperties("podnet.limits")
public record Limits(@DefaultValue("1000") int defaultPageSize, @DefaultValue("10000") int maxPageSize,
		@DefaultValue("1000") int clusters, @DefaultValue("10000") int nodesPerCluster,
		@DefaultValue("1000") int userRoutesPerCluster) {

	/** The paging of a list request whose items sort by {@code keyCount} keys, within these limits. */
	public Paging paging(Integer limit, String continueToken, int keyCount) {
		return Paging.of(limit, continueToken, keyCount, defaultPageSize, maxPageSize);
	}

	/** Refuses to add one more where {@code count} already reach the limit of that name. */
	public static void check(String limit, int value, long count, String what) {
		if (count >= value) {
			throw new LimitExceeded(limit, value, what);
		}
	}
}

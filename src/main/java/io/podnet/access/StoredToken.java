package io.podnet.access;

import java.time.Instant;
import java.util.List;

/**
 * A token as stored: its secret only as a hash.
 *
 * @param clusters the clusters it is limited to; empty = every cluster
 */
record StoredToken(String name, Role role, List<String> clusters, String secretHash, Instant createdAt,
		String createdBy) {

	boolean scoped() {
		return !clusters.isEmpty();
	}
}

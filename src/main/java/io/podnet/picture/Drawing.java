package io.podnet.picture;

/** What a topology request is answered with: a scene drawn node by node, or a large cluster's summary. */
sealed interface Drawing permits Scene, ClusterSummary {

	String svg();
}

package io.podnet.watch;

/** The kinds of object the change log holds. */
public final class ChangeKinds {

	public static final String CLUSTER = "cluster";
	public static final String NODE = "node";
	public static final String POD = "pod";
	/** A stored route of a cluster's gateway (node routes and user routes). */
	public static final String ROUTE = "route";

	private ChangeKinds() {
	}
}

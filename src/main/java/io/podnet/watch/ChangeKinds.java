package io.podnet.watch;

/** The kinds of object the change log holds. */
public final class ChangeKinds {

	public static final String CLUSTER = "cluster";
	public static final String POD = "pod";

	private ChangeKinds() {
	}
}

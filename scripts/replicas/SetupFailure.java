package replicas;

/** The run could not be set up (a replica down, the cluster or the nodes not created): exit 2. */
final class SetupFailure extends RuntimeException {
	private static final long serialVersionUID = 1L;

	SetupFailure(String message) {
		super(message);
	}
}

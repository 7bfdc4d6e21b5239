package io.podnet.database;

import io.podnet.problem.DatabaseUnavailable;

/**
 * What a write transaction must wait for, once committed, before its request may be answered: a
 * 2xx is a promise that no crash loses the write.
 */
interface CommitDurability {

	/**
	 * PostgreSQL's COMMIT returns once the commit is in its write-ahead log on disk (with its
	 * default synchronous_commit = on), and H2 in memory has nothing to keep: nothing to wait for.
	 */
	CommitDurability AT_COMMIT = new CommitDurability() {

		@Override
		public long committed() {
			return 0;
		}

		@Override
		public void awaitDurable(long ticket) {
		}
	};

	/** Called on the writer's thread right after its transaction committed; the ticket to await. */
	long committed();

	/**
	 * Blocks until the commit of that ticket is durable; throws
	 * {@link io.podnet.problem.DatabaseUnavailable} if that cannot be confirmed in time.
	 */
	void awaitDurable(long ticket);
}

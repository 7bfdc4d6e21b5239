package io.podnet.database;

import org.springframework.stereotype.Component;

/**
 * For readers that pass committed changes on to others (watch streams): waits until everything
 * committed so far is as durable as an acknowledged write, so that no one is told of a change that
 * a crash could still take back. On PostgreSQL a commit is durable once visible: no wait.
 */
@Component
public class DurableHorizon {

	private final CommitDurability durability;

	DurableHorizon(CommitDurability durability) {
		this.durability = durability;
	}

	/** Blocks until every commit made before the call is durable; 503 (DatabaseUnavailable) if it cannot be. */
	public void awaitCommitted() {
		durability.awaitDurable(durability.committed());
	}
}

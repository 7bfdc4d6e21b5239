package io.podnet.bench;

import java.util.concurrent.ThreadLocalRandom;

/** What one client thread does again and again for a timed measurement. */
interface Worker {

	Outcome step(ThreadLocalRandom rnd);

	/** One worker per client thread. */
	interface Factory {
		Worker create(int thread);
	}
}

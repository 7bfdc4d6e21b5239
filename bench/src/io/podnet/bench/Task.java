package io.podnet.bench;

/** The i-th of a counted number of requests (see {@link Clients#tasks}). */
interface Task {

	Response run(int i);
}

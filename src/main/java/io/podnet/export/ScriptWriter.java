package io.podnet.export;

/** A script to be written once the answer has started: the whole cluster's, too large to hold in memory. */
@FunctionalInterface
interface ScriptWriter {

	void writeTo(Appendable out);
}

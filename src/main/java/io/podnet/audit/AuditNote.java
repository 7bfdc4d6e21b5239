package io.podnet.audit;

import io.podnet.problem.Echo;

/**
 * Lets a feature add what the audit record of the write being served must say besides the request
 * itself, such as the intents a forced write broke. Written into the 'committed' record, so it is
 * kept if and only if the change is: call it inside the write's transaction, before it commits.
 */
public final class AuditNote {

	private static final int MAX = 4000;

	private AuditNote() {
	}

	/** Adds the text to the record of the write this thread serves; nothing when it serves none (a test, a job). */
	public static void add(String text) {
		AuditedWrite write = AuditedWrite.current();
		if (write != null) {
			write.note = Echo.cut(write.note == null ? text : write.note + "; " + text, MAX);
		}
	}
}

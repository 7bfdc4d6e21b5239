package replicas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What the requests got, counted by every client at once, for the progress lines and the report. */
final class Counts {

	static final LongAdder requests = new LongAdder();
	static final LongAdder retried = new LongAdder();
	static final LongAdder connectFailures = new LongAdder();
	static final LongAdder lostInFlight = new LongAdder();
	static final LongAdder ambiguousCreates = new LongAdder();
	static final LongAdder ambiguousCreatesCommitted = new LongAdder();
	static final LongAdder ambiguousCreatesNotCommitted = new LongAdder();
	static final LongAdder ambiguousDeletes = new LongAdder();
	static final LongAdder unresolved = new LongAdder();
	static final LongAdder status5xx = new LongAdder();
	static final LongAdder spurious409 = new LongAdder();
	static final ConcurrentLinkedQueue<String> spuriousExamples = new ConcurrentLinkedQueue<>();
	static final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
	static final Map<String, LongAdder> statusByOp = new ConcurrentHashMap<>();
	static final Map<String, LongAdder> conflictsByType = new ConcurrentHashMap<>();
	static final LongAdder pod201 = new LongAdder();
	static final LongAdder pod204 = new LongAdder();

	private Counts() {
	}

	/** All 409 answers, of every operation and problem type. */
	static long conflicts() {
		return conflictsByType.values().stream().mapToLong(LongAdder::sum).sum();
	}
}

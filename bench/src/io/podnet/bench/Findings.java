package io.podnet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the run has measured so far, as the report reads it. Each measurement starts as a
 * placeholder, so a report written part way through marks what was not measured yet with "–".
 */
final class Findings {

	Result nodeLoad = Result.placeholder("load: node create");
	Result podLoad = Result.placeholder("load: pod create");
	/** The pod load by tenth of the pods. */
	final Latencies[] podLoadSlices = Latencies.slices(10);
	Result emptyNodeLoad = Result.placeholder("load: node create, empty cluster");
	Result getNode = Result.placeholder("GET node (ceiling)");
	Result getNodeAgain = Result.placeholder("GET node (ceiling), again");
	Result getPod = Result.placeholder("GET pod");
	Result path = Result.placeholder("path between pods on 2 nodes");
	/** Answers of the path measurement by disposition/scope. */
	final Map<String, Long> pathDispositions = new TreeMap<>();
	Result listConcurrent;
	Result createEmpty = Result.placeholder("pod create, empty cluster");
	Result deleteEmpty = Result.placeholder("pod delete, empty cluster");
	Result createLoaded = Result.placeholder("pod create, loaded cluster");
	Result deleteLoaded = Result.placeholder("pod delete, loaded cluster");
	Result v6Big = Result.placeholder("node create, IPv6 2^32 node subnets");
	Result v6Small = Result.placeholder("node create, IPv6 2^8 node subnets");
	/** Node subnets of the IPv6 pod networks, as the service counted them. */
	String v6BigTotal;
	String v6SmallTotal;

	/** Runs of the ceiling GET, each bracketing the operation it is named by (see {@link Measurements#paired}). */
	final Map<String, Result> pairedGets = new LinkedHashMap<>();
	/** Per measurement: its last warm-up. */
	final Map<String, Result> warmups = new LinkedHashMap<>();
	/** Per measurement: how many warm-ups beyond the first it took to reach a steady CPU per request. */
	final Map<String, Integer> extraWarmUps = new LinkedHashMap<>();
	/** Per measurement: what the JIT compile queue held after its warm-up, and the wait for it to drain. */
	final Map<String, String> jitWaits = new LinkedHashMap<>();
	/** The service's RSS and VmHWM in kB at each step. */
	final Map<String, long[]> rssTimeline = new LinkedHashMap<>();
	/** The service's heap and metaspace at some steps. */
	final Map<String, String> heapInfos = new LinkedHashMap<>();

	// the pod list: a single-client walk, first against last page, random pages by many clients
	/** Latencies of the random pages by position in the list, in tenths. */
	final Latencies[] pageByTenth = Latencies.slices(10);
	final List<String> walkProblems = new ArrayList<>();
	long seqWalkNanos;
	int seqWalkPages;
	long seqWalkItems;
	int lastPageItems;
	long[] seqPageNanos = new long[0];
	long[] firstPageSeq = new long[0];
	long[] lastPageSeq = new long[0];

	// the whole cluster's ip-config script; status 0 until it is fetched
	int exportStatus;
	long exportBytes;
	long exportLines;
	double exportSeconds;

	/** The last step done; the report is rewritten after each, so a stopped run leaves its figures. */
	String stage = "start";
	boolean complete;
	double totalSeconds;

	Findings(int pageLimit) {
		listConcurrent = Result.placeholder(PodListing.randomPagesName(pageLimit));
	}

	/** The GET that bracketed the operation, or a placeholder if it has not run yet. */
	Result pairedGet(Result operation) {
		return pairedGets.getOrDefault(operation.name,
				Result.placeholder("GET node, right before and after " + operation.name));
	}
}

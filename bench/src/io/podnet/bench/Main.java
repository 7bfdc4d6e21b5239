package io.podnet.bench;

import static io.podnet.bench.Log.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * podnet's scale benchmark (issue 6): a load generator with no dependencies beyond the JDK,
 * compiled and run by {@code bench/run.sh}, which also starts and stops the service, as
 * {@code java -cp CLASSES io.podnet.bench.Main --base http://127.0.0.1:PORT --pid PID ...}.
 *
 * <p>Through the HTTP API with a fixed pool of concurrent clients it loads one cluster
 * (5,000 nodes, 150,000 pods by default), measures each operation for a fixed time against a
 * plain single-object GET (the ceiling), compares node creation in IPv6 pod networks of 2^32
 * and 2^8 node subnets and pod creation on the empty and the loaded cluster, and writes a
 * Markdown report with the figures, the ratios and the targets. This class orders the
 * steps; the report is rewritten after each.
 */
public final class Main {

	private static final String CLUSTER = "bench";

	private final Options o;
	private final Http http;
	private final Findings findings;
	private final Clients clients;
	private final ServiceMemory memory;
	private final JitQueue jit;
	private final Measurements measure;
	private final Workloads workloads;

	private Main(Options o) {
		this.o = o;
		this.http = new Http(o.base);
		this.findings = new Findings(o.pageLimit);
		ServiceProcess service = new ServiceProcess(o.pid, o.clkTck);
		this.clients = new Clients(o.threads, service);
		this.memory = new ServiceMemory(service, findings);
		this.jit = new JitQueue(service, findings);
		this.measure = new Measurements(o, clients, jit, memory, findings);
		this.workloads = new Workloads(o, http);
	}

	public static void main(String[] args) throws Exception {
		new Main(Options.parse(args)).run();
	}

	private void run() throws Exception {
		log("podnet benchmark against " + o.base + " (" + o.mode + "): " + o.nodes + " nodes x " + o.podsPerNode
				+ " pods, " + o.threads + " clients, " + o.duration + " s per measurement (+" + o.warmup + " s warm-up)");
		memory.sample("start (idle service)");
		String health = http.must("GET", "/actuator/health", null).body();
		log("health: " + health);

		new JvmWarmUp(o, http, clients, workloads, jit, memory).run();
		http.must("POST", Api.CLUSTERS, Api.clusterBody(CLUSTER, "10.0.0.0/16", "10.128.0.0/9", null));
		String c = Api.cluster(CLUSTER);
		load(c);

		// 2. the loaded cluster
		findings.getNode = measure.phase("GET node (ceiling)", workloads.getNode(c));
		findings.getPod = measure.phase("GET pod", workloads.getPod(c));
		findings.path = measure.paired("path between pods on 2 nodes", workloads.path(c, findings.pathDispositions),
				true, workloads.getNode(c));
		done("the GET and path measurements");
		export(c);
		podWrites(c);

		// 3a. node create in IPv6 pod networks of 2^32 and 2^8 node subnets
		new Ipv6NodeCreate(o, http, clients, findings).run();
		memory.sample("after the IPv6 node creates");
		done("the IPv6 node measurements");

		// 2, last: listing (on H2 it makes the database sort large temporary results, whose clean-up
		// would otherwise weigh on the measurements that follow)
		PodListing listing = new PodListing(o, http, findings, c);
		listing.walk(o.podCount());
		findings.listConcurrent = measure.phase(PodListing.randomPagesName(o.pageLimit), listing.randomPages());
		memory.sample("end");
		memory.heapInfo("end");
		findings.complete = true;
		done("everything");
		log("wrote " + o.out);
	}

	/** 1. The nodes, then the pods, of the cluster at c. */
	private void load(String c) throws Exception {
		log("loading " + o.nodes + " nodes");
		findings.nodeLoad = clients.tasks("load: node create", o.nodes, workloads.nodeCreate(c), null);
		memory.sample("after " + o.nodes + " nodes");
		done("loading the nodes");

		int podCount = o.podCount();
		log("loading " + podCount + " pods");
		findings.podLoad = clients.tasks("load: pod create", podCount, i -> {
			int k = i % o.nodes;
			int j = i / o.nodes;
			String[] p = workloads.loadedPod(k, j);
			Response r = http.call("POST", Api.pods(c, p[0]), Api.podBody(p[1], Api.nodeName(k)));
			// a retry (see Clients.tasks) whose first attempt made the pod but lost its answer
			return r.status() == 409 && r.body().contains("already-exists") ? new Response(201, "retried") : r;
		}, findings.podLoadSlices);
		memory.sample("after " + podCount + " pods");
		memory.heapInfo("after " + podCount + " pods");
		done("loading the pods");
	}

	/**
	 * The whole cluster's script (issue 16): streamed a page at a time, so it must come whole out
	 * of a service whose heap is smaller than the answer and its rows.
	 */
	private void export(String c) {
		long exportStart = System.nanoTime();
		Response script = http.call("GET", c + "/ip-config", null);
		findings.exportSeconds = (System.nanoTime() - exportStart) / 1e9;
		findings.exportStatus = script.status();
		findings.exportBytes = script.body().getBytes(StandardCharsets.UTF_8).length;
		findings.exportLines = script.body().lines().count();
		memory.sample("after the whole-cluster export");
		log(String.format(Locale.ROOT, "whole-cluster ip-config: %d, %,d bytes, %,d lines in %.1f s",
				findings.exportStatus, findings.exportBytes, findings.exportLines, findings.exportSeconds));
	}

	/**
	 * 2 and 3b. Pod create on the loaded cluster and on a cluster of as many nodes and no pods,
	 * taken in turn (see {@link Measurements#interleaved}); then pod delete on each.
	 */
	private void podWrites(String c) throws Exception {
		String e = Api.cluster("empty");
		http.must("POST", Api.CLUSTERS, Api.clusterBody("empty", "10.2.0.0/16", "10.96.0.0/11", null));
		log("loading " + o.nodes + " nodes into the empty cluster");
		findings.emptyNodeLoad = clients.tasks("load: node create, empty cluster", o.nodes, workloads.nodeCreate(e),
				null);
		ScratchPods loaded = new ScratchPods(http, clients, c, "create-loaded");
		ScratchPods empty = new ScratchPods(http, clients, e, "create-empty");
		Result[] creates = measure.interleaved("pod create, loaded cluster", t -> loaded.creator(o.nodes),
				"pod create, empty cluster", t -> empty.creator(o.nodes), workloads.getNode(c));
		findings.createLoaded = creates[0];
		findings.createEmpty = creates[1];
		loaded.topUp(findings.createLoaded.rate(), o.warmup + o.duration, o.nodes);
		findings.deleteLoaded = measure.paired("pod delete, loaded cluster", t -> loaded.deleter(), false,
				workloads.getNode(c));
		loaded.drain();
		empty.topUp(findings.createEmpty.rate(), o.warmup + o.duration, o.nodes);
		findings.deleteEmpty = measure.paired("pod delete, empty cluster", t -> empty.deleter(), false,
				workloads.getNode(e));
		empty.drain();
		findings.getNodeAgain = measure.phase("GET node (ceiling), again", workloads.getNode(c));
		done("the pod write measurements");
	}

	/** Records the step done and rewrites the report, so a stopped run leaves its figures. */
	private void done(String what) {
		findings.stage = what;
		findings.totalSeconds = Log.elapsedSeconds();
		try {
			new Report(o, findings).write();
		} catch (IOException | RuntimeException e) {
			log("could not write the partial report: " + e);
		}
	}
}

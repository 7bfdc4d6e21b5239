package io.podnet.watch;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.SeededCases;
import io.podnet.support.Watching;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Watching pods as a Kubernetes client does: list, then watch from the list's resourceVersion, and
 * the list with every event applied is the list at the end; resumes without gaps; 410 for a version
 * whose changes are gone; refusals before any stream; and streams that end for a reason say it.
 */
class PodWatchIT extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	private WatchLog log;

	private String base;

	@BeforeEach
	void cluster() {
		base = "http://localhost:" + port;
		created(api.post("/api/v1/clusters", json("{'name':'w','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
		for (String node : new String[] { "n1", "n2", "n3" }) {
			created(api.post("/api/v1/clusters/w/nodes", json("{'name':'" + node + "'}")));
		}
	}

	@Test
	void listThenWatchUnderConcurrentWritesEndsAtTheFinalList() throws Exception {
		Random random = SeededCases.random("PodWatchIT");
		for (int i = 0; i < 20; i++) {
			created(createPod("before-" + i, "n" + (1 + i % 3), "{'app':'a'}"));
		}
		AtomicInteger written = new AtomicInteger();
		List<Long> revisions = new ArrayList<>();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> writes = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			long seed = random.nextLong();
			writes.add(writers.submit(() -> {
				Random mine = new Random(seed);
				for (int i = 0; i < 25; i++) {
					String name = "p-" + writer + "-" + i;
					created(createPod(name, "n" + (1 + mine.nextInt(3)), "{'app':'b'}"));
					written.incrementAndGet();
					if (mine.nextBoolean()) {
						assertThat(api.send("PATCH", "/api/v1/clusters/w/namespaces/default/pods/" + name,
								"application/merge-patch+json", json("{'labels':{'step':'" + i + "'}}")).status()).isEqualTo(200);
					}
					if (mine.nextInt(4) == 0) {
						assertThat(api.delete("/api/v1/clusters/w/namespaces/default/pods/" + name).status()).isEqualTo(204);
					}
				}
				return null;
			}));
		}
		// the list is taken while the writers write: its resourceVersion is that of its rows, so the
		// watch from it neither repeats a change the list shows nor misses one it does not
		while (written.get() < 20 && writes.stream().noneMatch(Future::isDone)) {
			Thread.onSpinWait();
		}
		JsonNode listed = api.get("/api/v1/clusters/w/pods?limit=500").json();
		Map<String, JsonNode> state = new TreeMap<>();
		listed.path("items").forEach(pod -> state.put(key(pod), pod));
		Set<String> listedKeys = Set.copyOf(state.keySet());
		String version = listed.path("metadata").path("resourceVersion").asString();
		assertThat(version).matches("[0-9]+");
		int added = 0;
		// the watch runs while the writers write; an ERROR 410 (fell behind) is resumed from the last version
		String last = version;
		Set<String> finalKeys = null;
		Map<String, JsonNode> finalList = null;
		long deadline = System.nanoTime() + PATIENCE.toNanos() * 3;
		while (true) {
			try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion=" + last,
					Api.ADMIN_TOKEN)) {
				assertThat(watch.status()).isEqualTo(200);
				assertThat(watch.contentType()).startsWith("application/json;stream=watch");
				boolean resume = false;
				while (System.nanoTime() < deadline) {
					if (finalList == null && writes.stream().allMatch(Future::isDone)) {
						for (Future<?> write : writes) {
							write.get();
						}
						finalList = new TreeMap<>();
						for (JsonNode pod : api.get("/api/v1/clusters/w/pods?limit=500").json().path("items")) {
							finalList.put(key(pod), pod);
						}
						finalKeys = finalList.keySet();
					}
					if (finalList != null && state.equals(finalList)) {
						break;
					}
					JsonNode event = watch.event(Duration.ofSeconds(2));
					if (event == null) {
						continue;
					}
					String type = event.path("type").asString();
					if (type.equals("ERROR")) {
						assertThat(event.path("object").path("code").asInt()).as(event.toString()).isEqualTo(410);
						resume = true;
						break;
					}
					last = event.path("resourceVersion").asString();
					if (type.equals("BOOKMARK")) {
						continue;
					}
					revisions.add(Long.parseLong(last));
					JsonNode pod = event.path("object");
					switch (type) {
						case "ADDED" -> {
							assertThat(state.put(key(pod), pod)).as("ADDED once, after the list: " + event).isNull();
							added++;
						}
						case "MODIFIED" -> assertThat(state.put(key(pod), pod)).as("MODIFIED a listed pod: " + event)
								.isNotNull().isNotEqualTo(pod);
						case "DELETED" -> assertThat(state.remove(key(pod))).as("DELETED a listed pod: " + event)
								.isNotNull();
						default -> throw new AssertionError("unknown event " + event);
					}
				}
				if (!resume) {
					break;
				}
			}
		}
		writers.shutdown();
		assertThat(finalKeys).as("the writers finished within the patience").isNotNull();
		assertThat(state).as("the list with every event applied").isEqualTo(finalList);
		for (int i = 1; i < revisions.size(); i++) {
			assertThat(revisions.get(i)).as("each event once, in order").isGreaterThan(revisions.get(i - 1));
		}
		// (a count of the creates answered when the list returned is no bound: a create commits before its answer)
		long notListed = finalKeys.stream().filter(key -> !listedKeys.contains(key)).count();
		assertThat(notListed).as("creates the list could not show").isPositive();
		assertThat(added).as("an ADDED for each pod at the end that the list did not show").isGreaterThanOrEqualTo((int) notListed);
	}

	@Test
	void aWatchThatReconnectsWithItsLastVersionMissesNothingAndAnExpiredOneIsGone() throws Exception {
		String start = api.get("/api/v1/clusters/w/pods").json().path("metadata").path("resourceVersion").asString();
		created(createPod("a", "n1", "{}"));
		String afterA;
		try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion=" + start,
				Api.ADMIN_TOKEN)) {
			JsonNode added = watch.event(PATIENCE);
			assertThat(added.path("type").asString()).isEqualTo("ADDED");
			assertThat(added.path("object").path("name").asString()).isEqualTo("a");
			afterA = added.path("resourceVersion").asString();
		}
		// changes while nobody watches
		created(createPod("b", "n2", "{}"));
		assertThat(api.delete("/api/v1/clusters/w/namespaces/default/pods/a").status()).isEqualTo(204);
		try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion=" + afterA,
				Api.ADMIN_TOKEN)) {
			JsonNode first = watch.event(PATIENCE);
			JsonNode second = watch.event(PATIENCE);
			assertThat(first.path("type").asString() + " " + first.path("object").path("name").asString()).isEqualTo("ADDED b");
			assertThat(second.path("type").asString() + " " + second.path("object").path("name").asString())
					.isEqualTo("DELETED a");
			assertThat(second.path("object").path("ip").asString()).as("a deleted pod as it was last").startsWith("10.244.");
		}
		// the changes up to now are pruned: a watch from before them is 410 Gone
		long pruned = log.prune(Instant.now().plusSeconds(1));
		assertThat(pruned).isGreaterThanOrEqualTo(Long.parseLong(afterA));
		try (Watching expired = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion=" + start,
				Api.ADMIN_TOKEN)) {
			assertThat(expired.status()).isEqualTo(410);
			assertThat(expired.contentType()).startsWith("application/problem+json");
			assertThat(expired.text()).contains("urn:podnet:problem:expired").contains("list again");
		}
	}

	@Test
	void selectorsNarrowTheStreamAsTheyNarrowTheList() throws Exception {
		String start = api.get("/api/v1/clusters/w/pods").json().path("metadata").path("resourceVersion").asString();
		try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion=" + start
				+ "&labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn2", Api.ADMIN_TOKEN)) {
			created(createPod("web-on-n1", "n1", "{'app':'web'}"));
			created(createPod("db-on-n2", "n2", "{'app':'db'}"));
			created(createPod("web-on-n2", "n2", "{'app':'web'}"));
			assertThat(api.post("/api/v1/clusters/w/namespaces/default/pods?dryRun=All", podJson("dry", "n2", "{'app':'web'}"))
					.status()).isEqualTo(201);
			JsonNode only = watch.event(PATIENCE);
			assertThat(only.path("object").path("name").asString()).isEqualTo("web-on-n2");
			created(createPod("last", "n2", "{'app':'web'}"));
			assertThat(watch.event(PATIENCE).path("object").path("name").asString()).as("the dry run left no event")
					.isEqualTo("last");
		}
	}

	@Test
	void serverSentEventsCarryTheVersionAsIdAndResumeFromLastEventId() throws Exception {
		String start = api.get("/api/v1/clusters/w/namespaces/default/pods").json().path("metadata")
				.path("resourceVersion").asString();
		created(createPod("s1", "n1", "{}"));
		String id;
		try (Watching sse = Watching.open(base, "/api/v1/clusters/w/namespaces/default/pods?watch=true&resourceVersion="
				+ start, Api.ADMIN_TOKEN, "Accept", "text/event-stream")) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.contentType()).startsWith("text/event-stream");
			List<String> event = sseEvent(sse);
			id = event.stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
			assertThat(event).contains("event:ADDED");
			assertThat(event.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow())
					.contains("\"name\":\"s1\"").contains("\"resourceVersion\":\"" + id + "\"");
		}
		created(createPod("s2", "n2", "{}"));
		try (Watching resumed = Watching.open(base, "/api/v1/clusters/w/namespaces/default/pods?watch=true",
				Api.ADMIN_TOKEN, "Accept", "text/event-stream", "Last-Event-ID", id)) {
			assertThat(sseEvent(resumed).stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow())
					.contains("\"name\":\"s2\"");
		}
	}

	@Test
	void aQuietWatchAnswersItsHeadersAtOnce() throws Exception {
		// no change, no bookmark: before the fix the status came only with the first heartbeat (5 s here)
		for (String accept : List.of("application/json", "text/event-stream")) {
			long started = System.nanoTime();
			try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true", Api.ADMIN_TOKEN,
					"Accept", accept)) {
				long millis = (System.nanoTime() - started) / 1_000_000;
				assertThat(watch.status()).isEqualTo(200);
				assertThat(millis).as("milliseconds until the status and headers of a quiet %s watch", accept)
						.isLessThan(2_500);
			}
		}
	}

	@Test
	void aCrowdOfWatchesOpenedAtOnceIsAnsweredWholeAndLeavesTheServerSound() throws Exception {
		// each watch's thread commits its response while the request's thread may still be writing the
		// security headers on its way out: before the fix, a few hundred watches opened at once left
		// Tomcat NullPointerExceptions in the log and some watch unanswered or ended at once
		ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
				.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		root.addAppender(logged);
		int crowd = 300;
		ExecutorService opening = Executors.newFixedThreadPool(crowd);
		List<Watching> watches = new ArrayList<>();
		try {
			List<Future<Watching>> opened = new ArrayList<>();
			for (int i = 0; i < crowd; i++) {
				String path = i % 2 == 0 ? "/api/v1/clusters/w/pods?watch=true" : "/api/v1/clusters/w/pods?watch=true&node=n"
						+ (1 + i % 3);
				opened.add(opening.submit(() -> Watching.open(base, path, Api.ADMIN_TOKEN)));
			}
			for (Future<Watching> future : opened) {
				watches.add(future.get(60, TimeUnit.SECONDS));
			}
			for (Watching watch : watches) {
				assertThat(watch.status()).isEqualTo(200);
				assertThat(watch.contentType()).startsWith("application/json");
			}
			created(createPod("crowd", "n1", "{}"));
			int i = 0;
			for (Watching watch : watches) {
				boolean seesNode1 = i % 2 == 0 || (1 + i % 3) == 1;
				if (seesNode1) {
					JsonNode event = watch.event(PATIENCE);
					assertThat(event).as("watch %d gets the change", i).isNotNull();
					assertThat(event.path("object").path("name").asString()).isEqualTo("crowd");
				}
				i++;
			}
		} finally {
			watches.forEach(Watching::close);
			opening.shutdownNow();
		}
		// a corrupted response object is recycled and fails whatever request its connection carries next
		for (int request = 0; request < 200; request++) {
			assertThat(api.get("/api/v1/clusters/w/nodes/n1").status()).isEqualTo(200);
		}
		root.detachAppender(logged);
		assertThat(logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
				.map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()))
				.as("errors logged while the crowd opened").isEmpty();
	}

	@Test
	void bookmarksKeepAnIdleWatchersVersionFresh() throws Exception {
		try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&allowWatchBookmarks=true",
				Api.ADMIN_TOKEN)) {
			JsonNode bookmark = watch.event(PATIENCE);
			assertThat(bookmark.path("type").asString()).isEqualTo("BOOKMARK");
			// the other cluster's writes move the version the bookmark carries, though no event is for this watch
			created(api.post("/api/v1/clusters", json("{'name':'other','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}")));
			created(api.post("/api/v1/clusters/other/nodes", json("{'name':'o'}")));
			created(api.post("/api/v1/clusters/other/namespaces/default/pods", podJson("elsewhere", "o", "{}")));
			long first = Long.parseLong(bookmark.path("resourceVersion").asString());
			JsonNode later;
			do {
				later = watch.event(PATIENCE);
				assertThat(later.path("type").asString()).as(later.toString()).isEqualTo("BOOKMARK");
			} while (Long.parseLong(later.path("resourceVersion").asString()) == first);
			assertThat(Long.parseLong(later.path("resourceVersion").asString())).isGreaterThan(first);
		}
	}

	@Test
	void aWatchEndsWithAnErrorWhenItsTokenIsRevokedOrItsClusterDeleted() throws Exception {
		String viewer = api.post("/api/v1/tokens", json("{'name':'agent','role':'viewer','clusters':['w']}")).text("secret");
		try (Watching watch = Watching.open(base, "/api/v1/clusters/w/pods?watch=true", viewer)) {
			assertThat(watch.status()).isEqualTo(200);
			created(createPod("seen", "n1", "{}"));
			assertThat(watch.event(PATIENCE).path("object").path("name").asString()).isEqualTo("seen");
			assertThat(api.delete("/api/v1/tokens/agent").status()).isEqualTo(204);
			JsonNode error = watch.event(PATIENCE);
			assertThat(error.path("type").asString()).isEqualTo("ERROR");
			assertThat(error.path("object").path("code").asInt()).isEqualTo(401);
			assertThat(watch.event(PATIENCE)).as("the stream ends").isNull();
		}
		created(api.post("/api/v1/clusters", json("{'name':'gone','nodeNetwork':'10.1.0.0/24','podNetwork':'10.2.0.0/16'}")));
		try (Watching watch = Watching.open(base, "/api/v1/clusters/gone/pods?watch=true", Api.ADMIN_TOKEN)) {
			assertThat(api.delete("/api/v1/clusters/gone").status()).isEqualTo(204);
			JsonNode error = watch.event(PATIENCE);
			assertThat(error.path("object").path("code").asInt()).as(String.valueOf(error)).isEqualTo(404);
			assertThat(watch.event(PATIENCE)).isNull();
		}
	}

	@Test
	void aStalledReaderSlowsNoWriterAndIsToldItFellBehind() throws Exception {
		// 300 events of 64 kB: more than the loopback's socket buffers hold, and more than the buffer's 64 events
		String annotation = "x".repeat(64_000);
		try (Watching stalled = Watching.stalled(base, "/api/v1/clusters/w/pods?watch=true", Api.ADMIN_TOKEN);
				Watching reading = Watching.open(base, "/api/v1/clusters/w/pods?watch=true", Api.ADMIN_TOKEN)) {
			assertThat(stalled.status()).isEqualTo(200);
			long started = System.nanoTime();
			for (int i = 0; i < 300; i++) {
				created(api.post("/api/v1/clusters/w/namespaces/default/pods", json("{'name':'big-" + i + "','nodeName':'n"
						+ (1 + i % 3) + "','annotations':{'note':'" + annotation + "'},'containers':[{'name':'c','image':'nginx'}]}")));
			}
			System.out.println("300 pod creates with a stalled watcher: " + (System.nanoTime() - started) / 1_000_000 + " ms");
			for (int i = 0; i < 300; i++) {
				JsonNode event = reading.event(PATIENCE);
				assertThat(event).as("the watcher that reads gets every change meanwhile").isNotNull();
				assertThat(event.path("object").path("name").asString()).isEqualTo("big-" + i);
			}
			stalled.startReading();
			JsonNode event;
			do {
				event = stalled.event(PATIENCE);
				assertThat(event).as("the stalled watch ends with an error, not silently").isNotNull();
			} while (!event.path("type").asString().equals("ERROR"));
			assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
			assertThat(event.path("object").path("message").asString()).contains("resume with resourceVersion=");
		}
		// nobody read: the watcher fell out of the buffer (64 events); a fresh watch from the start still gets them all
		try (Watching fresh = Watching.open(base, "/api/v1/clusters/w/pods?watch=true&resourceVersion="
				+ firstVersion(), Api.ADMIN_TOKEN)) {
			Set<String> seen = new HashSet<>();
			while (seen.size() < 300) {
				JsonNode event = fresh.event(PATIENCE);
				assertThat(event).as("events read from the log after the buffer").isNotNull();
				seen.add(event.path("object").path("name").asString());
			}
		}
	}

	@Test
	void badWatchRequestsAre400Or404AndStartNoStream() {
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&resourceVersion=abc"), 400, "resourceVersion");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&resourceVersion=-1"), 400, "resourceVersion");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&resourceVersion=99999999999"), 400, "resourceVersion");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=1"), 400, "watch");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&timeoutSeconds=0"), 400, "timeoutSeconds");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&allowWatchBookmarks=yes"), 400, "allowWatchBookmarks");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&labelSelector=a%20in"), 400, "labelSelector");
		assertProblem(api.get("/api/v1/clusters/w/pods?watch=true&fieldSelector=spec.colour%3Dred"), 400, "fieldSelector");
		assertThat(api.get("/api/v1/clusters/none/pods?watch=true").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/clusters/w/pods?watch=true&node=none").status()).isEqualTo(404);
		assertProblem(api.get("/api/v1/clusters/w/namespaces/default/pods/x?watch=true"), 400, "watch");
		assertProblem(api.get("/api/v1/clusters/w/nodes/n1?watch=true"), 400, "watch");
		assertProblem(api.get("/api/v1/clusters/w/paths?watch=true&from=default/a&to=default/b"), 400, "watch");
	}

	private long firstVersion() {
		return log.after(log.compacted(), 1, text -> null).get(0).revision() - 1;
	}

	private static List<String> sseEvent(Watching sse) throws InterruptedException {
		List<String> lines = new ArrayList<>();
		while (true) {
			String line = sse.line(PATIENCE);
			assertThat(line).as("an event before the patience ran out").isNotNull().isNotEqualTo(Watching.EOF);
			if (line.isEmpty()) {
				if (lines.stream().anyMatch(l -> l.startsWith("data:"))) {
					return lines;
				}
				lines.clear();
			} else {
				lines.add(line.replace("event: ", "event:").replace("id: ", "id:").replace("data: ", "data:"));
			}
		}
	}

	private static void assertProblem(Reply reply, int status, String field) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.isProblem()).isTrue();
		assertThat(reply.text("field")).isEqualTo(field);
	}

	private Reply createPod(String name, String node, String labels) {
		return api.post("/api/v1/clusters/w/namespaces/default/pods", podJson(name, node, labels));
	}

	private static String podJson(String name, String node, String labels) {
		return json("{'name':'" + name + "','nodeName':'" + node + "','labels':" + labels
				+ ",'containers':[{'name':'c','image':'nginx'}]}");
	}

	private static String key(JsonNode pod) {
		return pod.path("namespace").asString() + "/" + pod.path("name").asString();
	}

	private static void created(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
	}
}

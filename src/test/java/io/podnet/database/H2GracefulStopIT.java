package io.podnet.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.ServiceProcess;
import io.podnet.support.Watching;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop (SIGTERM) of the default setup, with watches open: the service ends its watches
 * first, then its requests, and the embedded database closes last. Before, H2 closed itself from
 * its own JVM shutdown hook while Spring still stopped the service (every open watch's next read
 * failed: "Database is already closed"), and the watches ended only after the graceful shutdown had
 * waited its 30 s for them.
 */
@Tag("h2-only")
class H2GracefulStopIT {

	@TempDir
	Path workDir;

	@Test
	void aGracefulStopEndsTheWatchesBeforeTheDatabaseCloses() throws Exception {
		ServiceProcess service = new ServiceProcess(workDir, List.of(), Map.of()).start();
		List<Watching> watches = new ArrayList<>();
		try {
			Api api = service.api();
			assertThat(api.post("/api/v1/clusters", "{\"name\":\"g\",\"nodeNetwork\":\"10.100.0.0/24\","
					+ "\"podNetwork\":\"10.244.0.0/16\"}").status()).isEqualTo(201);
			assertThat(api.post("/api/v1/clusters/g/nodes", "{\"name\":\"n1\"}").status()).isEqualTo(201);
			String base = "http://localhost:" + service.port();
			for (int i = 0; i < 20; i++) {
				Watching watch = Watching.open(base, "/api/v1/clusters/g/pods?watch=true", Api.ADMIN_TOKEN);
				assertThat(watch.status()).isEqualTo(200);
				watches.add(watch);
			}
			assertThat(api.post("/api/v1/clusters/g/namespaces/default/pods",
					"{\"name\":\"p\",\"nodeName\":\"n1\",\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}").status())
					.isEqualTo(201);
			for (Watching watch : watches) {
				assertThat(watch.event(java.time.Duration.ofSeconds(20))).as("the watch sees the pod").isNotNull();
			}
			// the token checks of open watches read the database every second: give them a few
			Thread.sleep(2_500);
			service.stop();
			assertThat(service.logLines("Database is already closed")).as("the database closed under the service")
					.isEmpty();
			assertThat(service.logLines(" ERROR ")).as("errors logged by the stop").isEmpty();
			assertThat(service.logLines("Exception in thread")).as("a thread that died of the stop").isEmpty();
			// the watches end first, so the graceful shutdown has no request to wait for
			assertThat(service.logLines("Graceful shutdown aborted")).as("the stop waited for open watches").isEmpty();
			for (Watching watch : watches) {
				assertThat(watch.event(java.time.Duration.ofSeconds(5))).as("the stream ended cleanly").isNull();
			}
		} finally {
			watches.forEach(Watching::close);
			service.kill();
		}
	}
}

package io.podnet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Refreshes that replace every value while Prometheus scrapes: each scrape is whole and answers. */
class SnapshotGaugeTest {

	@Test
	void scrapesDuringRefreshesNeverFailAndShowTheLatestValues() throws Exception {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		SnapshotGauge gauge = new SnapshotGauge(registry, "podnet.test.allocated", "per node");
		AtomicBoolean refreshing = new AtomicBoolean(true);
		AtomicReference<Throwable> failed = new AtomicReference<>();
		Thread scraper = new Thread(() -> {
			while (refreshing.get()) {
				try {
					registry.scrape();
				} catch (RuntimeException e) {
					failed.compareAndSet(null, e);
				}
			}
		});
		scraper.start();
		// 500 nodes, values changing every refresh; one node goes and one comes each time
		for (int refresh = 0; refresh < 400; refresh++) {
			Map<Tags, Double> values = new HashMap<>();
			for (int node = refresh % 7; node < 500; node++) {
				values.put(Tags.of("cluster", "c", "node", "n" + node), (double) (node + refresh));
			}
			gauge.publish(values);
		}
		refreshing.set(false);
		scraper.join();
		assertThat(failed.get()).as("a scrape while the series were replaced").isNull();
		String scraped = registry.scrape();
		assertThat(scraped).contains("podnet_test_allocated{cluster=\"c\",node=\"n499\"} 898.0");
		// the last refresh started at node 399 % 7 = 0: every node present, none twice
		assertThat(scraped.lines().filter(line -> line.startsWith("podnet_test_allocated{"))).hasSize(500);
		gauge.publish(Map.of(Tags.of("cluster", "c", "node", "n1"), 5.0));
		assertThat(registry.scrape().lines().filter(line -> line.startsWith("podnet_test_allocated{")))
				.containsExactly("podnet_test_allocated{cluster=\"c\",node=\"n1\"} 5.0");
	}
}

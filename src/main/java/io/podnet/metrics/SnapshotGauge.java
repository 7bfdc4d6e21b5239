package io.podnet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A family of gauges (one series per tag set) whose values are replaced as a whole by each refresh.
 * Each series is registered once and reads its value from the latest snapshot; a refresh only adds
 * the new series and removes the gone ones. Re-registering every series instead (MultiGauge's
 * overwrite) lets a concurrent scrape see a series twice, and Prometheus' writer then fails the whole
 * scrape with a 500 (DuplicateLabelsException, micrometer#6851, measured here with 1,000 watches open).
 */
final class SnapshotGauge {

	private final MultiGauge gauge;
	/** The latest values by series; replaced whole, read by each series at every scrape. */
	private volatile Map<Tags, Double> values = Map.of();

	SnapshotGauge(MeterRegistry registry, String name, String description) {
		this.gauge = MultiGauge.builder(name).description(description).register(registry);
	}

	/** Makes these the values, and these series the only ones. */
	void publish(Map<Tags, Double> latest) {
		values = Map.copyOf(latest);
		List<Row<?>> rows = new ArrayList<>(latest.size());
		for (Tags tags : latest.keySet()) {
			rows.add(Row.of(tags, tags, this::valueOf));
		}
		gauge.register(rows, false);
	}

	private double valueOf(Tags series) {
		// a series removed by this very refresh may be read once more before it goes
		return values.getOrDefault(series, Double.NaN);
	}
}

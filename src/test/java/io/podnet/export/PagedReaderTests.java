package io.podnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cluster's replay reads its pods through this a page at a time, several times over: every
 * item comes once and in order whatever the page boundaries, each iteration starts again, and a
 * reader never asks for a page past a short one.
 */
class PagedReaderTests {

	@ParameterizedTest(name = "{0} items in pages of {1}")
	@CsvSource({ "0, 3", "1, 3", "3, 3", "4, 3", "6, 3", "7, 3", "10, 1" })
	void everyItemOnceInOrderAcrossPageBoundaries(int count, int pageSize) {
		List<Integer> items = IntStream.range(0, count).boxed().toList();
		List<Integer> asked = new ArrayList<>();
		PagedReader<Integer> reader = new PagedReader<>(pageSize, last -> {
			int from = last == null ? 0 : last + 1;
			asked.add(from);
			return items.subList(Math.min(from, count), Math.min(from + pageSize, count));
		});

		List<Integer> first = new ArrayList<>();
		reader.forEach(first::add);
		List<Integer> second = new ArrayList<>();
		reader.forEach(second::add);

		assertThat(first).isEqualTo(items);
		assertThat(second).as("iterated again from the start").isEqualTo(items);
		assertThat(asked).as("pages read, twice over: one more than the full pages, each time")
				.hasSize(2 * (count / pageSize + 1));
	}
}

package io.podnet.labels;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A label selector: requirements that must all hold, parsed from the {@code labelSelector} query
 * parameter exactly as Kubernetes parses it ({@link SelectorParser}).
 */
public record LabelSelector(List<Requirement> requirements) {

	public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

	public LabelSelector {
		// sorted by key, as Kubernetes does, so equal selectors are equal and print alike
		requirements = requirements.stream().sorted(Comparator.comparing(Requirement::key)).toList();
	}

	/** The selector of a {@code labelSelector} parameter; null or blank selects everything. */
	public static LabelSelector parse(String parameter, String text) {
		return text == null ? EVERYTHING : new SelectorParser(parameter, text).parse();
	}

	public boolean isEmpty() {
		return requirements.isEmpty();
	}

	public boolean matches(Map<String, String> labels) {
		for (Requirement requirement : requirements) {
			if (!requirement.matches(labels)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A requirement that names the values every selected object has for its key (=, ==, in): the
	 * one a label index can read, the others being checked on what it returns. The one with the
	 * fewest values, as the likelier to be selective.
	 */
	public Optional<Requirement> byValue() {
		return requirements.stream().filter(r -> r.operator().selectsByValue())
				.min(Comparator.comparingInt(r -> r.values().size()));
	}

	@Override
	public String toString() {
		return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
	}
}

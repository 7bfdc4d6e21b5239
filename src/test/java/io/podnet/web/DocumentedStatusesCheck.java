package io.podnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.ObservedStatuses;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml held to what the service really answered: every (method, path, status) the
 * integration suite got through support/Api (ObservedStatuses) is matched to its documented
 * operation, and a status the document does not list for it fails the build. Statuses documented
 * but never seen are printed for information (some are hard to provoke in a test: 503, 413 on
 * every operation). Requests to paths or methods the document does not have (hostile inputs,
 * actuator, Swagger UI, 405s) are not operations of the API and are left out.
 *
 * <p>Not an *IT: the build runs it in a failsafe execution of its own after the H2 and PostgreSQL
 * runs (pom.xml, openapi-observed-statuses), so it sees the answers of both.
 */
class DocumentedStatusesCheck {

	private static final Path SPEC = Path.of("openapi.yaml");
	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	/** One documented operation, by its path template split into segments. */
	private record Operation(String method, String template, String[] segments, Set<String> statuses) {

		boolean matches(String method, String[] path) {
			if (!this.method.equals(method) || path.length != segments.length) {
				return false;
			}
			for (int i = 0; i < path.length; i++) {
				boolean variable = segments[i].startsWith("{") && segments[i].endsWith("}");
				if (variable ? path[i].isEmpty() : !segments[i].equals(path[i])) {
					return false;
				}
			}
			return true;
		}

		int literals() {
			return (int) Stream.of(segments).filter(segment -> !segment.startsWith("{")).count();
		}

		String name() {
			return method + " " + template;
		}
	}

	@Test
	void everyObservedStatusIsDocumented() throws IOException {
		List<Operation> operations = documentedOperations();
		SortedMap<String, SortedSet<String>> observed = new TreeMap<>();
		SortedMap<String, Integer> missing = new TreeMap<>();
		int lines = 0;
		for (String line : observations()) {
			String[] parts = line.split(" ");
			if (parts.length != 3) {
				continue;
			}
			lines++;
			Operation operation = operationOf(operations, parts[0], parts[1]);
			if (operation == null) {
				continue;
			}
			observed.computeIfAbsent(operation.name(), name -> new TreeSet<>()).add(parts[2]);
			if (!operation.statuses().contains(parts[2])) {
				missing.merge(parts[2] + " on " + operation.name(), 1, Integer::sum);
			}
		}
		System.out.println("Observed " + lines + " answers of the integration suite in " + ObservedStatuses.DIRECTORY);
		List<String> unseen = new ArrayList<>();
		for (Operation operation : operations) {
			Set<String> seen = observed.getOrDefault(operation.name(), new TreeSet<>());
			TreeSet<String> notSeen = new TreeSet<>(operation.statuses());
			notSeen.removeAll(seen);
			if (!notSeen.isEmpty()) {
				unseen.add(operation.name() + ": " + String.join(", ", notSeen));
			}
		}
		if (lines > 0) {
			System.out.println("Documented but never observed (information):\n  " + String.join("\n  ", unseen));
		}
		List<String> report = new ArrayList<>();
		missing.forEach((what, count) -> report.add(what + " (" + count + "x)"));
		assertThat(report)
				.as("statuses the service answered that openapi.yaml does not document; document them (web/DocumentedStatuses) "
						+ "and regenerate openapi.yaml:\n  " + String.join("\n  ", report))
				.isEmpty();
	}

	/** The documented operation a request went to, or null: the most specific template that matches. */
	private static Operation operationOf(List<Operation> operations, String method, String rawPath) {
		String[] path = rawPath.split("/", -1);
		Operation best = null;
		for (Operation operation : operations) {
			if (operation.matches(method, path) && (best == null || operation.literals() > best.literals())) {
				best = operation;
			}
		}
		return best;
	}

	@SuppressWarnings("unchecked")
	private static List<Operation> documentedOperations() throws IOException {
		Map<String, Object> document;
		try (Reader reader = Files.newBufferedReader(SPEC, StandardCharsets.UTF_8)) {
			document = new Yaml(new LoaderOptions()).load(reader);
		}
		List<Operation> operations = new ArrayList<>();
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
		paths.forEach((template, item) -> item.forEach((method, operation) -> {
			if (METHODS.contains(method)) {
				Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) operation).get("responses");
				Set<String> statuses = new TreeSet<>();
				responses.keySet().forEach(status -> statuses.add(String.valueOf(status)));
				operations.add(new Operation(method.toUpperCase(Locale.ROOT), template, template.split("/", -1), statuses));
			}
		}));
		return operations;
	}

	private static List<String> observations() throws IOException {
		List<String> lines = new ArrayList<>();
		if (!Files.isDirectory(ObservedStatuses.DIRECTORY)) {
			System.out.println("No answers observed (" + ObservedStatuses.DIRECTORY + " is missing): nothing to compare");
			return lines;
		}
		try (Stream<Path> files = Files.list(ObservedStatuses.DIRECTORY)) {
			for (Path file : files.sorted().toList()) {
				lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
			}
		}
		return lines;
	}
}

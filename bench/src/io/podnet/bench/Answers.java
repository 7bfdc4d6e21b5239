package io.podnet.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few fields the benchmark reads from the service's JSON answers, found by pattern (no JSON library). */
final class Answers {

	static final Pattern CONTINUE = Pattern.compile("\"continue\"\\s*:\\s*\"([^\"]+)\"");
	static final Pattern DISPOSITION = Pattern.compile("\"disposition\"\\s*:\\s*\"([A-Z_]+)\"");
	static final Pattern SCOPE = Pattern.compile("\"scope\"\\s*:\\s*\"([A-Z_]+)\"");
	static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private Answers() {
	}

	/** The first match's group, or null. */
	static String group(Pattern p, String s) {
		Matcher m = p.matcher(s);
		return m.find() ? m.group(1) : null;
	}

	/** Pods in a page: each has one nodeName. */
	static int podsIn(String page) {
		String needle = "\"nodeName\":";
		int n = 0;
		for (int i = page.indexOf(needle); i >= 0; i = page.indexOf(needle, i + needle.length())) {
			n++;
		}
		return n;
	}
}

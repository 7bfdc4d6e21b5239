package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.api.Names;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.RouteKind;
import io.podnet.labels.LabelSelector;
import io.podnet.path.Disposition;
import io.podnet.path.Protocol;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidQuery;
import io.podnet.problem.InvalidValue;
import io.podnet.reachability.IntentRequest.Selector;
import io.podnet.reachability.ReachabilityService.Question;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An intent, checked: what must stay true of the flows from the {@code from} pods to the {@code to}
 * destinations. Its selectors are the reachability endpoint's filters ({@link PodFilter}), so an
 * intent and a reachability question select exactly alike.
 *
 * @param declaration the request in canonical form: what is stored and answered
 * @param via if not null, the type of gateway route every destination's longest match must be
 */
record Intent(String name, PodFilter from, PodFilter to, Integer port, Protocol protocol, Disposition expect,
		RouteKind via, IntentRequest declaration) {

	private static final Pattern NAME = Pattern.compile(Names.DNS1123_LABEL);
	private static final String SELECTOR = "expected exactly one of pods (\"*\"), node, namespace, pod, labels and cidr "
			+ "(cidr with optional except)";
	private static final List<RouteKind> VIA = List.of(RouteKind.CONNECTED, RouteKind.NODE, RouteKind.STATIC,
			RouteKind.BLACKHOLE, RouteKind.EXTERNAL);

	/** Every field checked: 422 naming the first that is wrong, with the value and what would be valid. */
	static Intent of(IntentRequest request) {
		String name = request.name();
		if (name == null || name.length() > 63 || !NAME.matcher(name).matches()) {
			throw new InvalidValue("name", name, Names.DNS1123_MESSAGE);
		}
		PodFilter from = request.from() == null ? PodFilter.everyPod("from") : filter("from", request.from());
		if (request.to() == null) {
			throw new InvalidValue("to", null, "is required; " + SELECTOR + ", e.g. {\"pods\": \"*\"}");
		}
		PodFilter to = filter("to", request.to());
		Integer port = request.port();
		if (port != null && (port < 1 || port > 65535)) {
			throw new InvalidValue("port", port, "is not a port number; expected 1 to 65535");
		}
		Protocol protocol = protocol(request.protocol());
		Disposition expect = disposition(request.expect());
		RouteKind via = via(request.via());
		IntentRequest canonical = new IntentRequest(name, request.from() == null ? new Selector("*", null, null, null,
				null, null, null) : request.from(), request.to(), port, port == null ? null : protocol.name(),
				expect.name(), via == null ? null : via.name());
		return new Intent(name, from, to, port, protocol, expect, via, canonical);
	}

	/** The reachability question whose every class the intent is about. */
	Question question() {
		return new Question(port, protocol, from, to);
	}

	/** Whether a class of flows, as traced, keeps the intent. */
	boolean keptBy(TracedClass traced, RouteKind matched) {
		return traced.trace().disposition() == expect && (via == null || via == matched);
	}

	void checkFamily(IpFamily family, String example) {
		for (PodFilter filter : List.of(from, to)) {
			if (filter.cidr() != null && IpFamily.of(filter.cidr()) != family) {
				throw new InvalidValue(filter.parameter() + ".cidr", filter.value(), "is " + IpFamily.of(filter.cidr())
						+ " but the cluster is " + family + "; expected a network such as " + example);
			}
		}
	}

	private static PodFilter filter(String part, Selector selector) {
		Map<String, String> given = new LinkedHashMap<>();
		given.put("pods", selector.pods());
		given.put("node", selector.node());
		given.put("namespace", selector.namespace());
		given.put("pod", selector.pod());
		given.put("labels", selector.labels());
		given.put("cidr", selector.cidr());
		given.values().removeIf(value -> value == null);
		if (given.size() != 1) {
			throw new InvalidValue(part, given.isEmpty() ? null : String.join(", ", given.keySet()), "names "
					+ given.size() + " selections; " + SELECTOR);
		}
		if (selector.except() != null && selector.cidr() == null) {
			throw new InvalidValue(part + ".except", selector.except(), "goes with cidr only; the addresses left out "
					+ "of a cidr");
		}
		Map.Entry<String, String> only = given.entrySet().iterator().next();
		String field = part + "." + only.getKey();
		String value = only.getValue();
		if (value.isBlank()) {
			throw new InvalidValue(field, value, "is empty; " + SELECTOR);
		}
		return switch (only.getKey()) {
			case "pods" -> {
				if (!value.equals("*")) {
					throw new InvalidValue(field, value, "is not \"*\"; pods selects every pod, to select fewer use "
							+ "node, namespace, pod, labels or cidr");
				}
				yield PodFilter.everyPod(part);
			}
			case "pod" -> {
				if (PodRef.parse(value).isEmpty()) {
					throw new InvalidValue(field, value, "is not a pod; expected namespace/name, e.g. default/web");
				}
				yield PodFilter.parse(part, "pod:" + value);
			}
			case "labels" -> {
				try {
					LabelSelector.parse(field, value);
				} catch (InvalidQuery e) {
					throw new InvalidValue(field, value, "is not a label selector (" + e.getMessage() + "); expected "
							+ "the pod list's labelSelector syntax, e.g. app=web,tier in (api,web)");
				}
				yield PodFilter.parse(part, "labels:" + value);
			}
			case "cidr" -> cidr(part, value, selector.except());
			default -> PodFilter.parse(part, only.getKey() + ":" + value);
		};
	}

	private static PodFilter cidr(String part, String value, List<String> exceptText) {
		IPAddress cidr = Addresses.parseNetwork(part + ".cidr", value);
		PodFilter filter = PodFilter.parse(part, "cidr:" + value);
		if (exceptText == null || exceptText.isEmpty()) {
			return filter;
		}
		List<IPAddress> except = new ArrayList<>();
		BigInteger left = cidr.getCount();
		for (int i = 0; i < exceptText.size(); i++) {
			String field = part + ".except[" + i + "]";
			String text = exceptText.get(i);
			IPAddress prefix = Addresses.parseNetwork(field, text);
			if (IpFamily.of(prefix) != IpFamily.of(cidr) || !cidr.contains(prefix)) {
				throw new InvalidValue(field, text, "is not inside " + part + ".cidr " + value + "; expected a network "
						+ "inside it");
			}
			for (int j = 0; j < except.size(); j++) {
				if (except.get(j).contains(prefix) || prefix.contains(except.get(j))) {
					throw new InvalidValue(field, text, "overlaps " + part + ".except[" + j + "] " + exceptText.get(j)
							+ "; expected networks that do not overlap");
				}
			}
			except.add(prefix);
			left = left.subtract(prefix.getCount());
		}
		if (left.signum() == 0) {
			throw new InvalidValue(part + ".except", exceptText, "leaves no address of " + value + "; the intent would "
					+ "select nothing");
		}
		return filter.except(except, "cidr:" + value + " except " + String.join(",", exceptText));
	}

	private static Protocol protocol(String text) {
		if (text == null) {
			return Protocol.TCP;
		}
		try {
			return Protocol.valueOf(text);
		} catch (IllegalArgumentException e) {
			throw new InvalidValue("protocol", text, "is not a protocol; expected TCP, UDP or SCTP");
		}
	}

	private static Disposition disposition(String text) {
		try {
			return Disposition.valueOf(text == null ? "" : text);
		} catch (IllegalArgumentException e) {
			throw new InvalidValue("expect", text, "is not a disposition; expected one of "
					+ Arrays.toString(Disposition.values()));
		}
	}

	private static RouteKind via(String text) {
		if (text == null) {
			return null;
		}
		RouteKind kind = VIA.stream().filter(k -> k.name().equals(text)).findFirst().orElse(null);
		if (kind == null) {
			throw new InvalidValue("via", text, "is not a gateway route type; expected one of " + VIA);
		}
		return kind;
	}
}

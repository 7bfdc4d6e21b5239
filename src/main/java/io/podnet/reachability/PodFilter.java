package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.labels.LabelSelector;
import io.podnet.pod.PlacedPod;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidQuery;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code from} or {@code to} filter of a reachability question. Each names its kind before a
 * colon, so that no value can be read two ways (a CIDR and a namespace/name both hold a slash):
 * <ul>
 * <li>{@code node:node-1}: the pods on a node</li>
 * <li>{@code namespace:default}: the pods of a namespace</li>
 * <li>{@code pod:default/web}: one pod</li>
 * <li>{@code labels:app=web,tier in (api,web)}: the pods a label selector selects, in the syntax of
 * the pod list's {@code labelSelector}</li>
 * <li>{@code cidr:10.244.1.0/24}: the pods whose IP is in it; as {@code to}, also every other
 * address in it (bridges, nodes, addresses nobody holds, what routes lead out)</li>
 * </ul>
 * No filter: every pod, and as {@code to} every address as well. Intents add two more, which the
 * query has no syntax for: every pod and no other address ({@link Kind#PODS}), and a CIDR with
 * {@code except}ions, prefixes inside it whose addresses and pods are left out.
 */
record PodFilter(String parameter, Kind kind, String text, String value, LabelSelector selector, IPAddress cidr,
		List<IPAddress> except) {

	enum Kind {
		EVERY, PODS, NODE, NAMESPACE, POD, LABELS, CIDR
	}

	PodFilter {
		except = except == null ? List.of() : List.copyOf(except);
	}

	PodFilter(String parameter, Kind kind, String text, String value, LabelSelector selector, IPAddress cidr) {
		this(parameter, kind, text, value, selector, cidr, List.of());
	}

	/** Every pod, and no other address. */
	static PodFilter everyPod(String parameter) {
		return new PodFilter(parameter, Kind.PODS, "pods:*", "*", null, null);
	}

	/** The same CIDR filter without the addresses of these prefixes, each inside it. */
	PodFilter except(List<IPAddress> prefixes, String shown) {
		return new PodFilter(parameter, kind, shown, value, selector, cidr, prefixes);
	}

	static final String SYNTAX = "expected node:NAME, namespace:NAME, pod:NAMESPACE/NAME, labels:SELECTOR "
			+ "(e.g. labels:app=web) or cidr:CIDR (e.g. cidr:10.244.1.0/24)";

	static PodFilter parse(String parameter, String text) {
		if (text == null) {
			return new PodFilter(parameter, Kind.EVERY, null, null, null, null);
		}
		int colon = text.indexOf(':');
		String prefix = colon < 0 ? "" : text.substring(0, colon);
		String value = colon < 0 ? "" : text.substring(colon + 1);
		Kind kind = switch (prefix) {
			case "node" -> Kind.NODE;
			case "namespace" -> Kind.NAMESPACE;
			case "pod" -> Kind.POD;
			case "labels" -> Kind.LABELS;
			case "cidr" -> Kind.CIDR;
			default -> throw new InvalidQuery(parameter, text, 0, "is not a filter; " + SYNTAX);
		};
		if (value.isBlank()) {
			throw new InvalidQuery(parameter, text, colon + 1, "names no " + prefix + "; " + SYNTAX);
		}
		return switch (kind) {
			case POD -> {
				if (PodRef.parse(value).isEmpty()) {
					throw new InvalidQuery(parameter, text, colon + 1, "is not a pod; expected pod:NAMESPACE/NAME, "
							+ "e.g. pod:default/web");
				}
				yield new PodFilter(parameter, kind, text, value, null, null);
			}
			case LABELS -> new PodFilter(parameter, kind, text, value, LabelSelector.parse(parameter, value), null);
			case CIDR -> new PodFilter(parameter, kind, text, value, null, cidr(parameter, text, value, colon + 1));
			default -> new PodFilter(parameter, kind, text, value, null, null);
		};
	}

	private static IPAddress cidr(String parameter, String text, String value, int position) {
		try {
			return Addresses.parseNetwork(parameter, value);
		} catch (InvalidValue e) {
			throw new InvalidQuery(parameter, text, position, "is not a network; expected cidr: followed by a network "
					+ "in CIDR notation, e.g. cidr:10.244.1.0/24 or cidr:fd00:10:244::/64");
		}
	}

	/** The pod this filter names, if it names one. */
	Optional<PodRef> pod() {
		return kind == Kind.POD ? PodRef.parse(value) : Optional.empty();
	}

	/** The node this filter names, if it names one. */
	Optional<String> node() {
		return kind == Kind.NODE ? Optional.of(value) : Optional.empty();
	}

	/** As {@code to}: whether destinations other than pods are asked about too. */
	boolean includesAddresses() {
		return kind == Kind.EVERY || kind == Kind.CIDR;
	}

	boolean selects(PlacedPod pod, String nodeName) {
		return selects(pod.namespace(), pod.ref().toString(), nodeName, pod.labels(), pod.ipValue());
	}

	/** @param ref the pod's namespace/name */
	boolean selects(String namespace, String ref, String nodeName, Map<String, String> labels, BigInteger ip) {
		return switch (kind) {
			case EVERY, PODS -> true;
			case NODE -> value.equals(nodeName);
			case NAMESPACE -> value.equals(namespace);
			case POD -> value.equals(ref);
			case LABELS -> selector.matches(labels);
			case CIDR -> contains(ip);
		};
	}

	/** For a CIDR filter: whether the address is in the CIDR and in none of its exceptions. */
	boolean contains(BigInteger ip) {
		return within(cidr, ip) && except.stream().noneMatch(prefix -> within(prefix, ip));
	}

	static boolean within(IPAddress prefix, BigInteger ip) {
		return Addresses.valueOf(prefix).compareTo(ip) <= 0 && prefix.getUpper().getValue().compareTo(ip) >= 0;
	}

	@Override
	public String toString() {
		return text;
	}
}

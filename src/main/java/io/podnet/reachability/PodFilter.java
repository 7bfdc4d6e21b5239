package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.labels.LabelSelector;
import io.podnet.pod.PlacedPod;
import io.podnet.pod.PodRef;
import io.podnet.problem.InvalidQuery;
import io.podnet.problem.InvalidValue;
import java.math.BigInteger;
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
 * No filter: every pod, and as {@code to} every address as well.
 */
record PodFilter(String parameter, Kind kind, String text, String value, LabelSelector selector, IPAddress cidr) {

	enum Kind {
		EVERY, NODE, NAMESPACE, POD, LABELS, CIDR
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
		return switch (kind) {
			case EVERY -> true;
			case NODE -> value.equals(nodeName);
			case NAMESPACE -> value.equals(pod.namespace());
			case POD -> value.equals(pod.ref().toString());
			case LABELS -> selector.matches(pod.labels());
			case CIDR -> contains(pod.ipValue());
		};
	}

	private boolean contains(BigInteger ip) {
		return Addresses.valueOf(cidr).compareTo(ip) <= 0 && cidr.getUpper().getValue().compareTo(ip) >= 0;
	}

	@Override
	public String toString() {
		return text;
	}
}

package io.podnet.cluster;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.podnet.ipam.IpFamily;
import io.podnet.problem.InvalidValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The address families of a new cluster, from either form of the request: the single-stack fields
 * (podNetwork, nodeNetwork, gateway, nodeSubnetPrefixLength), which describe the primary family, or
 * the lists (podNetworks, nodeNetworks, gateways, nodeSubnetPrefixLengths), one entry per family,
 * primary first, as Kubernetes' --cluster-cidr="10.244.0.0/16,fd00:10:244::/56" is. Both forms may
 * be given if they agree. At most two families, one of each, as in Kubernetes.
 */
final class ClusterFamilies {

	static final int MAX_FAMILIES = 2;

	private ClusterFamilies() {
	}

	/** Each family's checked plan, primary first. */
	static List<ClusterNetworks> of(CreateClusterRequest request) {
		List<String> podNetworks = merged("podNetwork", request.podNetwork(), "podNetworks", request.podNetworks(),
				true);
		List<String> nodeNetworks = merged("nodeNetwork", request.nodeNetwork(), "nodeNetworks",
				request.nodeNetworks(), true);
		List<String> gateways = merged("gateway", request.gateway(), "gateways", request.gateways(), false);
		List<Integer> prefixes = merged("nodeSubnetPrefixLength", request.nodeSubnetPrefixLength(),
				"nodeSubnetPrefixLengths", request.nodeSubnetPrefixLengths(), false);
		boolean listed = given(request.podNetworks()) || given(request.nodeNetworks());
		if (podNetworks.size() > MAX_FAMILIES) {
			throw new InvalidValue("podNetworks", podNetworks, "has " + podNetworks.size() + " networks; expected one"
					+ " per address family, primary first: one for a single-stack cluster, two (an IPv4 and an IPv6"
					+ " network) for a dual-stack one");
		}
		if (nodeNetworks.size() != podNetworks.size()) {
			throw new InvalidValue("nodeNetworks", nodeNetworks, "has " + nodeNetworks.size() + " network(s) but"
					+ " podNetworks has " + podNetworks.size() + "; expected one node network per family, in the order"
					+ " of podNetworks, e.g. [\"10.100.0.0/24\", \"fd00:10:100::/64\"]");
		}
		checkAtMost("gateways", gateways, podNetworks.size());
		checkAtMost("nodeSubnetPrefixLengths", prefixes, podNetworks.size());
		List<ClusterNetworks> families = new ArrayList<>(podNetworks.size());
		for (int i = 0; i < podNetworks.size(); i++) {
			ClusterNetworks.Fields fields = listed ? ClusterNetworks.Fields.listed(i) : ClusterNetworks.Fields.SINGLE;
			ClusterNetworks family = ClusterNetworks.of(fields, nodeNetworks.get(i), at(gateways, i),
					podNetworks.get(i), at(prefixes, i));
			if (i > 0 && family.family() == families.get(0).family()) {
				IpFamily other = family.family() == IpFamily.IPv4 ? IpFamily.IPv6 : IpFamily.IPv4;
				throw new InvalidValue(fields.podNetwork(), podNetworks.get(i), "is " + family.family() + " like "
						+ "podNetworks[0]; a dual-stack cluster has one network per family: expected an " + other
						+ " network such as " + (other == IpFamily.IPv6 ? "fd00:10:244::/56" : "10.244.0.0/16"));
			}
			families.add(family);
		}
		return families;
	}

	/**
	 * The list form, or the single value as a list of one; both given, the single value must be the
	 * list's first entry (compared as addresses, so 10.244.0.0/16 and its other spellings agree).
	 */
	private static <T> List<T> merged(String singleField, T single, String listField, List<T> list, boolean required) {
		// an empty list is no list: generated clients send [] for every list field they were not given
		if (!given(list)) {
			if (single == null) {
				if (required) {
					throw new InvalidValue(singleField, null, "is required; expected " + singleField + ", or "
							+ listField + " with one entry per address family, primary first");
				}
				return List.of();
			}
			return List.of(single);
		}
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i) == null) {
				throw new InvalidValue(listField + "[" + i + "]", null, "is null; expected a value for each family");
			}
		}
		if (single != null && !same(single, list.get(0))) {
			throw new InvalidValue(singleField, single, "differs from " + listField + "[0] (" + list.get(0) + "); "
					+ singleField + " describes the primary family, the first of " + listField
					+ ": give the same value, or only one of the two");
		}
		return list;
	}

	private static boolean given(List<?> list) {
		return list != null && !list.isEmpty();
	}

	private static boolean same(Object single, Object first) {
		if (single instanceof String a && first instanceof String b) {
			IPAddress x = new IPAddressString(a).getAddress();
			IPAddress y = new IPAddressString(b).getAddress();
			// unparsable, they are compared as written; the checks of the family then name what is wrong
			return x != null && y != null ? x.toCanonicalString().equals(y.toCanonicalString()) : a.equals(b);
		}
		return Objects.equals(single, first);
	}

	private static void checkAtMost(String field, List<?> values, int families) {
		if (values.size() > families) {
			throw new InvalidValue(field, values, "has " + values.size() + " entries but the cluster has " + families
					+ " address famil" + (families == 1 ? "y" : "ies") + "; expected at most one per entry of podNetworks");
		}
	}

	private static <T> T at(List<T> values, int index) {
		return index < values.size() ? values.get(index) : null;
	}
}

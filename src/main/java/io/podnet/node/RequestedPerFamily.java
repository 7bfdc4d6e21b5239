package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.IpFamily;
import io.podnet.problem.InvalidValue;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a node create asks for in each family, from the single-stack field (address, podSubnet:
 * the primary family's) and the list (addresses, podSubnets: at most one per family of the
 * cluster, in any order, as Kubernetes' podCIDRs may be given for either family or both). A family
 * not asked for is allocated.
 */
record RequestedPerFamily(Map<IpFamily, Requested> byFamily) {

	/** A value asked for: the field it came from (for the messages) and its text. */
	record Requested(String field, String text) {
	}

	Requested of(IpFamily family) {
		return byFamily.get(family);
	}

	static RequestedPerFamily networks(String singleField, String single, String listField, List<String> list,
			IpFamily primary, Set<IpFamily> families) {
		return of(singleField, single, listField, list, primary, families, true);
	}

	static RequestedPerFamily addresses(String singleField, String single, String listField, List<String> list,
			IpFamily primary, Set<IpFamily> families) {
		return of(singleField, single, listField, list, primary, families, false);
	}

	private static RequestedPerFamily of(String singleField, String single, String listField, List<String> list,
			IpFamily primary, Set<IpFamily> families, boolean network) {
		Map<IpFamily, Requested> byFamily = new EnumMap<>(IpFamily.class);
		if (single != null) {
			byFamily.put(primary, new Requested(singleField, single));
		}
		if (list == null) {
			return new RequestedPerFamily(byFamily);
		}
		if (list.size() > families.size()) {
			throw new InvalidValue(listField, list, "has " + list.size() + " entries but the cluster has "
					+ families.size() + " address famil" + (families.size() == 1 ? "y" : "ies") + " " + families
					+ "; expected at most one per family");
		}
		for (int i = 0; i < list.size(); i++) {
			String field = listField + "[" + i + "]";
			String text = list.get(i);
			IPAddress parsed = network ? Addresses.parseNetwork(field, text) : Addresses.parseAddress(field, text);
			IpFamily family = IpFamily.of(parsed);
			if (!families.contains(family)) {
				throw new InvalidValue(field, text, "is " + family + " but the cluster's families are " + families
						+ "; expected one entry per family of the cluster");
			}
			Requested earlier = byFamily.get(family);
			if (earlier != null && earlier.field().equals(singleField)) {
				IPAddress first = network ? Addresses.parseNetwork(singleField, earlier.text())
						: Addresses.parseAddress(singleField, earlier.text());
				if (!Addresses.format(first).equals(Addresses.format(parsed))) {
					throw new InvalidValue(singleField, earlier.text(), "differs from " + field + " (" + text + "), the "
							+ "primary family's entry of " + listField + "; give the same value, or only one of the two");
				}
			} else if (earlier != null) {
				throw new InvalidValue(field, text, "is " + family + " like " + earlier.field() + "; expected at most one"
						+ " entry per family");
			}
			byFamily.put(family, new Requested(field, text));
		}
		return new RequestedPerFamily(byFamily);
	}
}

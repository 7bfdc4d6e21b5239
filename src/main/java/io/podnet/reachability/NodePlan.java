package io.podnet.reachability;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.kubenet.RouteTables;

/**
 * A node as the reachability answer needs it.
 *
 * @param name the node's name
 * @param address its eth0 address on the node network
 * @param podSubnet its pod subnet, a prefix block; the bridge holds the first usable address
 * @param podAddresses who owns what in the pod subnet: the bridge and every pod (all of them, not
 *        only the selected ones: an address a pod owns is never "unallocated")
 */
record NodePlan(String name, IPAddress address, IPAddress podSubnet, TakenAddresses podAddresses) {

	/** A node whose subnet has only its bridge taken so far; its pods are taken as they are read. */
	static NodePlan of(String name, IPAddress address, IPAddress podSubnet) {
		IPAddress block = podSubnet.toPrefixBlock();
		TakenAddresses taken = new TakenAddresses(Addresses.valueOf(block));
		taken.take(Addresses.valueOf(RouteTables.bridgeAddress(block)));
		return new NodePlan(name, address.withoutPrefixLength(), block, taken);
	}
}

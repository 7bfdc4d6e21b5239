package io.podnet.node;

import inet.ipaddr.IPAddress;
import io.podnet.ipam.Addresses;
import io.podnet.ipam.HostPool;
import io.podnet.ipam.IpFamily;
import io.podnet.kubenet.RouteTables;

/**
 * A node's addresses in one address family: its eth0 address on that family's node network and its
 * pod subnet (one entry of Kubernetes' spec.podCIDRs), whose first address its bridge holds.
 */
public record NodeFamily(IPAddress address, IPAddress podSubnet) {

	public IpFamily family() {
		return IpFamily.of(podSubnet);
	}

	/** The addresses its pods get in this family. */
	public HostPool podAddresses() {
		return HostPool.podAddresses(podSubnet);
	}

	public IPAddress bridgeAddress() {
		return RouteTables.bridgeAddress(podSubnet);
	}

	static NodeFamily of(String address, String podSubnet) {
		return new NodeFamily(Addresses.parseAddress("address", address), Addresses.parseNetwork("podSubnet", podSubnet));
	}
}

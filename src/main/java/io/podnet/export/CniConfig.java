package io.podnet.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.podnet.kubenet.Kubenet;
import io.podnet.ipam.IpFamily;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A node's CNI network configuration as kubenet writes it (pkg/kubelet/network/kubenet): the bridge
 * plugin on cbr0, the bridge as the pods' gateway, no masquerading (pod IPs are routed as they
 * are), hairpin mode, and host-local IPAM handing out the node's pod subnet with a default route.
 * cniVersion, name and type are the members the CNI specification requires.
 */
@Schema(name = "CniConfig", description = "A node's CNI network configuration (bridge plugin, host-local IPAM), as "
		+ "kubenet writes it to /etc/cni/net.d")
@JsonPropertyOrder({ "cniVersion", "name", "type", "bridge", "isGateway", "ipMasq", "hairpinMode", "ipam" })
record CniConfig(
		@Schema(example = "1.0.0") String cniVersion,
		@Schema(example = "kubenet") String name,
		@Schema(description = "The CNI plugin", example = "bridge") String type,
		@Schema(example = "cbr0") String bridge,
		@Schema(description = "The bridge holds an address and is the pods' gateway", example = "true")
		@JsonProperty("isGateway") boolean isGateway,
		@Schema(description = "No NAT: pod IPs leave the node unchanged", example = "false") boolean ipMasq,
		@Schema(example = "true") boolean hairpinMode,
		Ipam ipam) {

	static final String CNI_VERSION = "1.0.0";
	static final String NETWORK_NAME = "kubenet";

	@Schema(name = "CniIpam", description = "host-local IPAM: one range set per address family, each the node's pod "
			+ "subnet of that family (primary first), and a default route per family")
	@JsonPropertyOrder({ "type", "ranges", "routes" })
	record Ipam(@Schema(example = "host-local") String type, List<List<Range>> ranges, List<Route> routes) {
	}

	@Schema(name = "CniRange")
	@JsonPropertyOrder({ "subnet", "gateway" })
	record Range(@Schema(description = "The node's pod subnet, a network address", example = "10.244.1.0/24")
	String subnet, @Schema(description = "The bridge's address", example = "10.244.1.1") String gateway) {
	}

	@Schema(name = "CniRoute")
	record Route(@Schema(example = "0.0.0.0/0") String dst) {
	}

	/** One family of the node: its pod subnet and the bridge's address in it. */
	record Subnet(IpFamily family, String podSubnet, String bridgeAddress) {
	}

	/** A single-stack node's configuration. */
	static CniConfig of(IpFamily family, String podSubnet, String bridgeAddress) {
		return of(List.of(new Subnet(family, podSubnet, bridgeAddress)));
	}

	/**
	 * The configuration of a node with a pod subnet per family, primary first: as kubenet wrote it for
	 * a dual-stack node, one range set per family (host-local gives the pod an address from each set)
	 * and a default route per family, in the same order.
	 */
	static CniConfig of(List<Subnet> subnets) {
		Ipam ipam = new Ipam("host-local",
				subnets.stream().map(subnet -> List.of(new Range(subnet.podSubnet(), subnet.bridgeAddress()))).toList(),
				subnets.stream().map(subnet -> new Route(subnet.family().defaultDestination())).toList());
		return new CniConfig(CNI_VERSION, NETWORK_NAME, "bridge", Kubenet.BRIDGE, true, false, true, ipam);
	}
}

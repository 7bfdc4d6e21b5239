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

	@Schema(name = "CniIpam", description = "host-local IPAM: one range, the node's pod subnet")
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

	static CniConfig of(IpFamily family, String podSubnet, String bridgeAddress) {
		Ipam ipam = new Ipam("host-local", List.of(List.of(new Range(podSubnet, bridgeAddress))),
				List.of(new Route(family.defaultDestination())));
		return new CniConfig(CNI_VERSION, NETWORK_NAME, "bridge", Kubenet.BRIDGE, true, false, true, ipam);
	}
}

package io.podnet.cluster;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@Schema(name = "AddFamilyRequest", description = "A second address family for a single-stack cluster: its pod network,"
		+ " node network, gateway and node subnet size, as in the cluster's own fields")
record AddFamilyRequest(
		@Schema(description = "The new family's pod network; the other family than the cluster's",
				example = "fd00:10:244::/56", requiredMode = Schema.RequiredMode.REQUIRED)
		String podNetwork,

		@Schema(description = "The new family's node network", example = "fd00:10:100::/64",
				requiredMode = Schema.RequiredMode.REQUIRED)
		String nodeNetwork,

		@Schema(description = "The new family's gateway. Default: the first usable address of its node network",
				example = "fd00:10:100::1")
		String gateway,

		@Schema(description = "Prefix length of the new family's node subnets. Default: 24 for IPv4, 64 for IPv6",
				example = "64")
		@Min(1) @Max(128)
		Integer nodeSubnetPrefixLength) {
}

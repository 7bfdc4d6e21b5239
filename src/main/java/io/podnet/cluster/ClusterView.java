package io.podnet.cluster;

import io.podnet.ipam.IpFamily;
import io.podnet.ipam.Addresses;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Schema(name = "Cluster", description = "A cluster with its defaults filled in and how many node subnets are left")
record ClusterView(
		@Schema(example = "demo") String name,
		@Schema(description = Labels.LABELS_DOC, example = "{\"env\": \"prod\"}") Map<String, String> labels,
		@Schema(description = Labels.ANNOTATIONS_DOC) Map<String, String> annotations,
		@Schema(example = "IPv4") IpFamily ipFamily,
		@Schema(example = "10.100.0.0/24") String nodeNetwork,
		@Schema(example = "10.100.0.1") String gateway,
		@Schema(example = "10.244.0.0/16") String podNetwork,
		@Schema(example = "24") int nodeSubnetPrefixLength,
		@Schema(example = "110") int maxPodsPerNode,
		@Schema(description = "The cluster's address families, primary first: one (single-stack) or two (dual-stack)",
				example = "[\"IPv4\"]") List<IpFamily> ipFamilies,
		@Schema(description = "The node network of each family, primary first; the first is nodeNetwork",
				example = "[\"10.100.0.0/24\"]") List<String> nodeNetworks,
		@Schema(description = "The gateway of each family, primary first; the first is gateway",
				example = "[\"10.100.0.1\"]") List<String> gateways,
		@Schema(description = "The pod network of each family, primary first; the first is podNetwork",
				example = "[\"10.244.0.0/16\"]") List<String> podNetworks,
		@Schema(description = "The node subnet prefix length of each family, primary first; the first is"
				+ " nodeSubnetPrefixLength", example = "[24]") List<Integer> nodeSubnetPrefixLengths,
		NodeSubnets nodeSubnets,
		Instant createdAt,
		@Schema(description = "Changes whenever the cluster does; its ETag", example = "3") String resourceVersion) {

	@Schema(name = "NodeSubnetUsage", description = "Node subnets (podCIDRs) in the pod network; in a dual-stack"
			+ " cluster, of the family with fewer of them, since every node has one of each family")
	record NodeSubnets(@Schema(example = "256") BigInteger total, @Schema(example = "2") BigInteger allocated,
			@Schema(example = "254") BigInteger free) {
	}

	static ClusterView of(Cluster cluster, long nodes) {
		List<ClusterNetworks> families = cluster.families();
		// every node has a subnet of every family: the family with the fewest subnets bounds the nodes
		BigInteger total = families.stream().map(f -> f.nodeSubnets().total()).reduce(BigInteger::min).orElseThrow();
		BigInteger allocated = BigInteger.valueOf(nodes);
		return new ClusterView(cluster.getName(), cluster.labels(), cluster.annotations(), cluster.getIpFamily(), cluster.getNodeNetwork(),
				cluster.getGateway(), cluster.getPodNetwork(), cluster.getNodeSubnetPrefixLength(),
				cluster.getMaxPodsPerNode(), families.stream().map(ClusterNetworks::family).toList(),
				families.stream().map(f -> Addresses.format(f.nodeNetwork())).toList(),
				families.stream().map(f -> Addresses.format(f.gateway())).toList(),
				families.stream().map(f -> Addresses.format(f.podNetwork())).toList(),
				families.stream().map(ClusterNetworks::nodeSubnetPrefixLength).toList(),
				new NodeSubnets(total, allocated, total.subtract(allocated)),
				cluster.getCreatedAt(), String.valueOf(cluster.getVersion()));
	}
}

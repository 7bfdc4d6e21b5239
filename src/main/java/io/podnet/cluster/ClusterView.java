package io.podnet.cluster;

import io.podnet.ipam.IpFamily;
import io.podnet.ipam.SubnetPool;
import io.podnet.labels.Labels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigInteger;
import java.time.Instant;
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
		NodeSubnets nodeSubnets,
		Instant createdAt,
		@Schema(description = "Changes whenever the cluster does; its ETag", example = "3") String resourceVersion) {

	@Schema(name = "NodeSubnetUsage", description = "Node subnets (podCIDRs) in the pod network")
	record NodeSubnets(@Schema(example = "256") BigInteger total, @Schema(example = "2") BigInteger allocated,
			@Schema(example = "254") BigInteger free) {
	}

	static ClusterView of(Cluster cluster, long nodes) {
		SubnetPool pool = cluster.nodeSubnets();
		BigInteger allocated = BigInteger.valueOf(nodes);
		return new ClusterView(cluster.getName(), cluster.labels(), cluster.annotations(), cluster.getIpFamily(), cluster.getNodeNetwork(),
				cluster.getGateway(), cluster.getPodNetwork(), cluster.getNodeSubnetPrefixLength(),
				cluster.getMaxPodsPerNode(), new NodeSubnets(pool.total(), allocated, pool.total().subtract(allocated)),
				cluster.getCreatedAt(), String.valueOf(cluster.getVersion()));
	}
}

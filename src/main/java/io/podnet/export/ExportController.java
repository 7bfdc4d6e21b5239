package io.podnet.export;

import io.podnet.api.Names;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Exports", description = "Each device's configuration, as kubenet's CNI config and as ip(8) commands, and "
		+ "the whole cluster as a script that builds it in Linux network namespaces; in a dual-stack cluster each "
		+ "configures both address families")
class ExportController {

	private static final String TEXT = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8";

	private final ExportService exports;

	ExportController(ExportService exports) {
		this.exports = exports;
	}

	@GetMapping(value = "/nodes/{node}/cni-config", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A node's CNI network configuration",
			description = "What kubenet writes to /etc/cni/net.d on the node: the bridge plugin on cbr0 as the pods' "
					+ "gateway (isGateway), no masquerading, hairpin mode, and host-local IPAM over the node's pod "
					+ "subnet with the bridge address as gateway and a default route; in a dual-stack cluster one "
					+ "range set and one default route per family, primary first, as kubenet writes them.")
	CniConfig nodeCniConfig(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-2") @PathVariable String node) {
		return exports.cniConfig(cluster, node);
	}

	@GetMapping(value = "/gateway/ip-config", produces = TEXT)
	@Operation(summary = "The gateway's configuration as ip(8) commands",
			description = "A shell script to run as root on the gateway: forwarding on, eth0's address on the node "
					+ "network, 'ip route add SUBNET via NODE' per node, then the user routes (blackhole, via a next "
					+ "hop, or out of the uplink named by PODNET_UPLINK for EXTERNAL ones).")
	String gatewayIpConfig(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster) {
		return exports.gatewayScript(cluster);
	}

	@GetMapping(value = "/nodes/{node}/ip-config", produces = TEXT)
	@Operation(summary = "A node's configuration as ip(8) commands",
			description = "A shell script to run as root on the node: forwarding on, eth0's address on the node "
					+ "network, the cbr0 bridge with the first address of the node's pod subnet, default via the "
					+ "gateway. Each pod's veth comes with the pod's own ip-config.")
	String nodeIpConfig(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-1") @PathVariable String node) {
		return exports.nodeScript(cluster, node);
	}

	@GetMapping(value = "/namespaces/{namespace}/pods/{pod}/ip-config", produces = TEXT)
	@Operation(summary = "A pod's configuration as ip(8) commands",
			description = "A shell script to run as root on the pod's node, as the CNI bridge plugin would: the "
					+ "veth pair with its host end on cbr0, then inside the pod's network namespace (POD_NETNS) "
					+ "eth0 with the pod's IP, loopback up and default via the bridge.")
	String podIpConfig(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			@Parameter(description = "Pod name", example = "web") @PathVariable String pod) {
		return exports.podScript(cluster, namespace, pod);
	}

	@GetMapping(value = "/ip-config", produces = TEXT)
	@Operation(summary = "The whole cluster as a network-namespace replay",
			description = "A shell script that builds the cluster on one Linux machine, as root: a network namespace "
					+ "per pod, per node and for the gateway, plus one for the node network's bridge, each configured "
					+ "with its device's own commands. Nothing is connected to the host's namespace. Names start with "
					+ "PODNET_NS_PREFIX; 'up' (default) builds, 'down' removes, both safe to repeat.")
	@ApiResponse(responseCode = "200", description = "The script, streamed as it is written",
			content = @Content(mediaType = TEXT, schema = @Schema(type = "string")))
	ResponseEntity<StreamingResponseBody> clusterIpConfig(
			@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster) {
		ScriptWriter script = exports.clusterScript(cluster);
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
			script.writeTo(writer);
			writer.flush();
		};
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT)).body(body);
	}
}

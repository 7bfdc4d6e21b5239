package io.podnet.picture;

import io.podnet.paths.PathService;
import io.podnet.paths.PathView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Pictures", description = "The cluster and a packet's path drawn as SVG, the way the article draws them")
class PictureController {

	static final String SVG = "image/svg+xml";
	private static final MediaType SVG_UTF8 = MediaType.parseMediaType(SVG + ";charset=UTF-8");

	private final PictureReader reader;
	private final PathService paths;

	PictureController(PictureReader reader, PathService paths) {
		this.reader = reader;
		this.paths = paths;
	}

	@GetMapping(value = "/topology.svg", produces = SVG)
	@Operation(summary = "The cluster as a picture",
			description = "SVG of the node network with the gateway and its route table (user routes marked), and "
					+ "each node with eth0 and its address, cbr0 and its subnet, and a veth to each pod (name, IP). "
					+ "Clusters of up to 50 nodes are drawn node by node (at most 400 pods, the rest counted); larger "
					+ "ones as a summary: totals, free capacity, how full the nodes are and links to the fullest and "
					+ "emptiest nodes' own pictures (?node=). Names too long for their box are cut with an ellipsis, "
					+ "the whole name in a tooltip (<title>).")
	@ApiResponse(responseCode = "200", description = "The picture",
			content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
	ResponseEntity<String> topology(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Draw only this node, with up to 300 of its pods", example = "node-1")
			@RequestParam(required = false) String node,
			@Parameter(description = "Draw only the pods of this namespace", example = "default")
			@RequestParam(required = false) String namespace) {
		return svg(reader.topology(cluster, node, namespace).svg());
	}

	@GetMapping(value = "/paths.svg", produces = SVG)
	@Operation(summary = "A packet's path as a picture",
			description = "The path that GET .../paths answers (same parameters, same refusals), drawn on the "
					+ "cluster's picture: a numbered circle per hop, the route each router matched beside it and framed "
					+ "in the gateway's table, a ring where the packet stops with the disposition, and below the "
					+ "network the hops and the explanation in words. A cluster too large to draw pod by pod is drawn "
					+ "as the gateway, the nodes the packet crosses and the pods at its ends.")
	@ApiResponse(responseCode = "200", description = "The picture",
			content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
	ResponseEntity<String> path(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Source pod, namespace/name", example = "default/web", required = true)
			@RequestParam String from,
			@Parameter(description = "Destination: a pod (namespace/name), an IP address, or localhost",
					example = "default/db", required = true)
			@RequestParam String to,
			@Parameter(description = "Destination port; without it, whether the address answers at all (like ping)",
					example = "5432")
			@RequestParam(required = false) Integer port,
			@Parameter(description = "TCP (default), UDP or SCTP", example = "TCP")
			@RequestParam(required = false) String protocol,
			@Parameter(description = "Dual-stack: the address family of a pod-to-pod or localhost question, IPv4 or IPv6."
					+ " Default: the cluster's primary family", example = "IPv6",
					schema = @Schema(allowableValues = { "IPv4", "IPv6" }))
			@RequestParam(required = false) String family) {
		PathView path = paths.resolve(cluster, from, to, port, protocol, family);
		return svg(PathPicture.svg(reader.forPath(cluster, path), path));
	}

	/** Drawn from the state of now: a cache must ask again, as for every other read of this API. */
	private static ResponseEntity<String> svg(String picture) {
		return ResponseEntity.ok().contentType(SVG_UTF8).cacheControl(CacheControl.noStore()).body(picture);
	}
}

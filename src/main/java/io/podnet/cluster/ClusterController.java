package io.podnet.cluster;

import io.podnet.watch.Watches;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.api.Versions;
import io.podnet.api.MergePatch;
import io.podnet.labels.LabelSelector;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "A node network with its gateway, and a pod network carved into one subnet per node")
class ClusterController {

	private final ClusterService clusters;
	private final Watches watches;

	ClusterController(ClusterService clusters, Watches watches) {
		this.clusters = clusters;
		this.watches = watches;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a cluster",
			description = "Validates the address plan (no host bits, one family, pod and node networks disjoint, "
					+ "room for a bridge and a pod per node subnet) and fills in the defaults: gateway = first usable "
					+ "address of the node network, node subnets /24 (IPv4) or /64 (IPv6), 110 pods per node.")
	ResponseEntity<ClusterView> create(@Valid @RequestBody CreateClusterRequest request) {
		ClusterView created = clusters.create(request);
		return Versions.created("/api/v1/clusters/" + created.name(), created, created.resourceVersion());
	}

	@GetMapping
	@Operation(summary = "List clusters", description = "By name, a page at a time with limit and continue; "
			+ "labelSelector keeps those whose labels match.")
	ItemList<ClusterView> list(Paging paging, LabelSelector selector, Watches.Request watch) {
		return clusters.list(paging, selector);
	}

	/** list with watch=true (documented there): the changes of the clusters that list shows. */
	@Hidden
	@GetMapping(params = "watch=true")
	ResponseEntity<ResponseBodyEmitter> watch(LabelSelector selector, Watches.Request watch) {
		return watches.respond(clusters.watch(selector), watch);
	}

	@GetMapping("/{cluster}")
	@Operation(summary = "Get a cluster", description = "The cluster and how many node subnets are allocated and free.")
	ResponseEntity<ClusterView> get(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Answer only if the cluster is at this ETag (else 412)")
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		ClusterView view = clusters.get(cluster);
		return Versions.answer(view, view.resourceVersion(), ifMatch, "cluster '" + cluster + "'");
	}

	@PatchMapping(path = "/{cluster}", consumes = MergePatch.MEDIA_TYPE)
	@Operation(summary = "Change a cluster",
			description = "A JSON merge patch (RFC 7396): labels and annotations, and maxPodsPerNode, which may not go "
					+ "below the pods any node holds (409). The networks and allocations are fixed: changing one is "
					+ "422 naming it. If-Match (412) or resourceVersion in the body (409) makes it conditional.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = ClusterPatch.class))))
	ResponseEntity<ClusterView> patch(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Change only if the cluster is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch,
			@RequestBody JsonNode patch) {
		ClusterView view = clusters.patch(cluster, patch, ifMatch);
		return ResponseEntity.ok().eTag(Versions.etag(Long.parseLong(view.resourceVersion()))).body(view);
	}

	@PostMapping(path = "/{cluster}/families", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Add a second address family (make the cluster dual-stack)",
			description = "As Kubernetes converts a single-stack cluster: in one transaction every node gets a subnet "
					+ "and an address of the new family (next-fit, in node order), every pod an address of it from its "
					+ "node's new subnet, and the gateway a route per node in the new family; all or nothing. 422 if "
					+ "the new pod network cannot hold a subnet for every node, its node network an address for "
					+ "every node, or a node's new subnet its pods; 409 if the cluster is already dual-stack. Watchers "
					+ "see every changed cluster, node, pod and route.")
	ResponseEntity<ClusterView> addFamily(
			@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Change only if the cluster is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch,
			@Valid @RequestBody AddFamilyRequest request) {
		ClusterView view = clusters.addFamily(cluster, request, ifMatch);
		return ResponseEntity.ok().eTag(Versions.etag(Long.parseLong(view.resourceVersion()))).body(view);
	}

	@DeleteMapping("/{cluster}/families/{family}")
	@Operation(summary = "Remove the second address family (make the cluster single-stack)",
			description = "In one transaction every pod and node loses its address and subnet of that family and the "
					+ "gateway its node routes of it; all or nothing. The primary family cannot be removed (409), nor a "
					+ "family that user routes still use (409: delete them first). Answers the cluster as it is now.")
	ResponseEntity<ClusterView> removeFamily(
			@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "The family to remove: the cluster's second", example = "IPv6",
					schema = @Schema(allowableValues = { "IPv4", "IPv6" })) @PathVariable String family,
			@Parameter(description = "Change only if the cluster is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch) {
		ClusterView view = clusters.removeFamily(cluster, family, ifMatch);
		return ResponseEntity.ok().eTag(Versions.etag(Long.parseLong(view.resourceVersion()))).body(view);
	}

	@DeleteMapping("/{cluster}")
	@Operation(summary = "Delete a cluster", description = "Only a cluster without nodes can be deleted (409 otherwise).")
	ResponseEntity<Void> delete(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Delete only if the cluster is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch) {
		clusters.delete(cluster, ifMatch);
		return ResponseEntity.noContent().build();
	}
}

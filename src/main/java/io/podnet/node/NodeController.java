package io.podnet.node;

import io.podnet.watch.Watches;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.api.Versions;
import io.podnet.api.LabelsPatch;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}/nodes")
@Tag(name = "Nodes", description = "Nodes, each with an address on the node network and its own pod subnet behind cbr0")
class NodeController {

	private final NodeService nodes;
	private final Watches watches;

	NodeController(NodeService nodes, Watches watches) {
		this.nodes = nodes;
		this.watches = watches;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Add a node",
			description = "Allocates the node's eth0 address on the node network and its pod subnet from the pod "
					+ "network, both next-fit like Kubernetes' range allocator (a freed one is reused only after "
					+ "wrapping around), and adds the gateway route 'podSubnet via address' in the same transaction. "
					+ "Either may be requested instead; it must be valid and free.")
	ResponseEntity<NodeView> create(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Valid @RequestBody CreateNodeRequest request) {
		NodeView created = nodes.create(cluster, request);
		return Versions.created("/api/v1/clusters/" + cluster + "/nodes/" + created.name(), created,
				created.resourceVersion());
	}

	@GetMapping
	@Operation(summary = "List nodes", description = "The cluster's nodes by name, a page at a time with limit and "
			+ "continue; labelSelector keeps those whose labels match.")
	ItemList<NodeView> list(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			Paging paging, LabelSelector selector, Watches.Request watch) {
		return nodes.list(cluster, paging, selector);
	}

	/** list with watch=true (documented there): the changes of the nodes that list shows. */
	@Hidden
	@GetMapping(params = "watch=true")
	ResponseEntity<ResponseBodyEmitter> watch(@PathVariable String cluster, LabelSelector selector,
			Watches.Request watch) {
		return watches.respond(nodes.watch(cluster, selector), watch);
	}

	@GetMapping("/{node}")
	@Operation(summary = "Get a node", description = "The node with its address, pod subnet, bridge and pod count; its ETag is its resourceVersion.")
	ResponseEntity<NodeView> get(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-1") @PathVariable String node,
			@Parameter(description = "Answer only if the node is at this ETag (else 412)")
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		NodeView view = nodes.get(cluster, node);
		return Versions.answer(view, view.resourceVersion(), ifMatch, "node '" + node + "'");
	}

	@PatchMapping(path = "/{node}", consumes = MergePatch.MEDIA_TYPE)
	@Operation(summary = "Change a node's labels or annotations",
			description = "A JSON merge patch (RFC 7396) of the node: its labels and annotations may change (a key set "
					+ "to null is removed); its address and pod subnet are fixed, and changing one is 422 naming it. "
					+ "If-Match (412) or resourceVersion in the body (409) makes it conditional.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = LabelsPatch.class))))
	ResponseEntity<NodeView> patch(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-1") @PathVariable String node,
			@Parameter(description = "Change only if the node is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch,
			@RequestBody JsonNode patch) {
		NodeView view = nodes.patch(cluster, node, patch, ifMatch);
		return ResponseEntity.ok().eTag(Versions.etag(Long.parseLong(view.resourceVersion()))).body(view);
	}

	@DeleteMapping("/{node}")
	@Operation(summary = "Delete a node",
			description = "Removes the node's gateway route and frees its address and pod subnet, in one transaction. "
					+ "A node that still has pods is refused (409) unless cascade=true, which deletes them too.")
	ResponseEntity<Void> delete(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Node name", example = "node-1") @PathVariable String node,
			@Parameter(description = "Also delete the node's pods") @RequestParam(defaultValue = "false") boolean cascade,
			@Parameter(description = "Delete only if the node is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch) {
		nodes.delete(cluster, node, cascade, ifMatch);
		return ResponseEntity.noContent().build();
	}
}

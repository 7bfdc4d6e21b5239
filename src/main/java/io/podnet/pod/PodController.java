package io.podnet.pod;

import io.podnet.routing.RouteView;
import io.podnet.api.ItemList;
import io.podnet.api.PageKeys;
import io.podnet.api.Paging;
import io.podnet.api.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Pods", description = "Pods: containers sharing one network namespace, one IP from their node's pod subnet")
class PodController {

	private final PodService pods;

	PodController(PodService pods) {
		this.pods = pods;
	}

	@PostMapping(path = "/namespaces/{namespace}/pods", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a pod",
			description = "Places the pod on nodeName, or on the node with the most free pod slots (ties by name), and "
					+ "gives it the next free IP of that node's pod subnet, next-fit like host-local CNI (never the "
					+ "network, bridge or broadcast address). Its containers share one network namespace held by the "
					+ "pause container: they reach each other on localhost, so no two may declare the same port and "
					+ "protocol (422).")
	ResponseEntity<PodView> create(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			@Valid @RequestBody CreatePodRequest request) {
		PodView created = pods.create(cluster, namespace, request);
		return Versions.created("/api/v1/clusters/" + cluster + "/namespaces/" + namespace + "/pods/" + created.name(),
				created, created.resourceVersion());
	}

	@GetMapping("/namespaces/{namespace}/pods/{pod}")
	@Operation(summary = "Get a pod", description = "The pod with its IP, network attachment and containers; its ETag is its resourceVersion.")
	ResponseEntity<PodView> get(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			@Parameter(description = "Pod name", example = "web") @PathVariable String pod,
			@Parameter(description = "Answer only if the pod is at this ETag (else 412)")
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		PodView view = pods.get(cluster, namespace, pod);
		return Versions.answer(view, view.resourceVersion(), ifMatch, "pod " + namespace + "/" + pod);
	}

	@GetMapping("/namespaces/{namespace}/pods")
	@Operation(summary = "List the pods of a namespace", description = "By name, a page at a time with limit and "
			+ "continue.")
	ItemList<PodView> listNamespace(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			Paging paging) {
		return pods.listNamespace(cluster, namespace, paging);
	}

	@GetMapping("/pods")
	@Operation(summary = "List the pods of a cluster", description = "All namespaces, by namespace and name, a page "
			+ "at a time with limit and continue; node= keeps the pods of one node.")
	ItemList<PodView> listCluster(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Only pods on this node", example = "node-1") @RequestParam(required = false) String node,
			@PageKeys(2) Paging paging) {
		return pods.listCluster(cluster, node, paging);
	}

	@DeleteMapping("/namespaces/{namespace}/pods/{pod}")
	@Operation(summary = "Delete a pod", description = "Frees its IP; it is handed out again only after the node's "
			+ "allocator wraps around. The name can be reused at once.")
	ResponseEntity<Void> delete(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			@Parameter(description = "Pod name", example = "web") @PathVariable String pod,
			@Parameter(description = "Delete only if the pod is still at this ETag") @RequestHeader(name = "If-Match",
					required = false) String ifMatch) {
		pods.delete(cluster, namespace, pod, ifMatch);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/namespaces/{namespace}/pods/{pod}/routes")
	@Operation(summary = "A pod's route table", description = "Default via the node's bridge address, and the node's "
			+ "pod subnet on eth0.")
	List<RouteView> routes(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Namespace", example = "default") @PathVariable String namespace,
			@Parameter(description = "Pod name", example = "web") @PathVariable String pod) {
		return RouteView.of(pods.routes(cluster, namespace, pod));
	}
}

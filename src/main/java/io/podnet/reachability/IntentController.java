package io.podnet.reachability;

import io.podnet.api.ItemList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Intents", description = "What must stay true of reachability; writes that would break it are refused")
class IntentController {

	private final IntentService intents;

	IntentController(IntentService intents) {
		this.intents = intents;
	}

	@PostMapping(path = "/intents", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createIntent", summary = "Declare an intent",
			description = "Declares that every flow from the `from` pods (every pod if left out) to the `to` "
					+ "destinations ends with the `expect`ed disposition, on `port` (without one: whether they answer "
					+ "at all). Selectors select as the reachability endpoint's filters do. From then on, every write "
					+ "of the cluster that would break it (a user route or node added or deleted, a pod created, "
					+ "deleted or relabelled) is refused with 409 naming the intent and the classes of flows it would "
					+ "break, unless the write says ?force=true (then the audit record notes the intents broken). An "
					+ "intent that does not hold already is 422 with the classes that break it; one whose from or to "
					+ "selects nothing now is 422 naming the part; a name taken is 409.")
	ResponseEntity<IntentView> create(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@RequestBody IntentRequest request) {
		IntentView intent = intents.create(cluster, request);
		return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster + "/intents/" + intent.name()))
				.body(intent);
	}

	@GetMapping("/intents")
	@Operation(operationId = "listIntents", summary = "The cluster's intents, by name",
			description = "Every intent as declared (canonical: from defaults to every pod, protocol to TCP with a "
					+ "port), without its status: GET one intent to have it decided.")
	ItemList<IntentView> list(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster) {
		return intents.list(cluster);
	}

	@GetMapping("/intents/{name}")
	@Operation(operationId = "getIntent", summary = "An intent, and whether it holds now",
			description = "With `status`: whether it holds on the cluster as it is, and if not (after a forced write) "
					+ "the classes of flows that break it. An intent whose selectors select nothing any more (its "
					+ "pods deleted) holds: there is no flow to break it.")
	IntentView get(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Intent name", example = "pods-reach-pods") @PathVariable String name) {
		return intents.get(cluster, name);
	}

	@DeleteMapping("/intents/{name}")
	@Operation(operationId = "deleteIntent", summary = "Drop an intent",
			description = "From then on writes are no longer checked against it. Dropping an intent breaks nothing, so it "
					+ "is never refused for the network's sake.")
	ResponseEntity<Void> delete(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@Parameter(description = "Intent name", example = "pods-reach-pods") @PathVariable String name) {
		intents.delete(cluster, name);
		return ResponseEntity.noContent().build();
	}
}

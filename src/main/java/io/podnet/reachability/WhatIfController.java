package io.podnet.reachability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}")
@Tag(name = "Reachability")
class WhatIfController {

	private final WhatIfService whatIf;

	WhatIfController(WhatIfService whatIf) {
		this.whatIf = whatIf;
	}

	@PostMapping("/what-if")
	@Operation(operationId = "whatIf", summary = "What proposed changes would do to reachability",
			description = "Applies the changes (add or delete a user route, add or delete a node, delete a pod) in "
					+ "order, exactly as the API would, inside a transaction that is always rolled back: nothing is "
					+ "stored, no allocator cursor moves. Answers the reachability question before and after, and "
					+ "every class of flows whose disposition changes, with an example flow on each side. A change "
					+ "the API would refuse is refused the same way, with `change` naming its index.")
	WhatIfView whatIf(@Parameter(description = "Cluster name", example = "demo") @PathVariable String cluster,
			@RequestBody WhatIfRequest request) {
		return whatIf.answer(cluster, request);
	}
}

package io.podnet.reachability;

import io.podnet.reachability.IntentRequest.Selector;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "IntentView", description = "An intent as stored (its declaration, canonical: from defaults to every "
		+ "pod, protocol to TCP when there is a port), and, when one intent is asked for, how it stands now")
record IntentView(
		@Schema(example = "pods-reach-pods") String name,
		Selector from,
		Selector to,
		@Schema(example = "8080") Integer port,
		@Schema(example = "TCP") String protocol,
		@Schema(example = "ACCEPTED") String expect,
		@Schema(example = "EXTERNAL") String via,
		Instant createdAt,
		@Schema(description = "How it stands now: on GET of one intent, and on its creation") IntentStatus status) {

	static IntentView of(IntentRequest declaration, Instant createdAt, IntentStatus status) {
		return new IntentView(declaration.name(), declaration.from(), declaration.to(), declaration.port(),
				declaration.protocol(), declaration.expect(), declaration.via(), createdAt, status);
	}
}

package io.podnet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A list answer, shaped like a Kubernetes list: {@code items} plus {@code metadata.continue}, the
 * opaque token of the next page when the list was cut by {@code limit}.
 */
@Schema(description = "A list of resources, a page at a time when limit is given")
public record ItemList<T>(ListMeta metadata, List<T> items) {

	@Schema(name = "ListMeta")
	public record ListMeta(
			@JsonProperty("continue")
			@Schema(description = "Pass as ?continue= to get the next page; absent on the last page",
					example = "djEKZGVmYXVsdAp3ZWItNDI")
			String continueToken) {
	}
}

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
			String continueToken,
			@Schema(description = "On lists that can be watched: the change log's revision when this page was "
					+ "read; ?watch=true&resourceVersion= this value streams every change after it (with paging, take "
					+ "the first page's). The page may already show some of those changes.", example = "4711")
			String resourceVersion) {

		public ListMeta(String continueToken) {
			this(continueToken, null);
		}
	}

	/** The same page, stamped with the change log's revision read before it. */
	public ItemList<T> withResourceVersion(long revision) {
		return new ItemList<>(new ListMeta(metadata.continueToken(), String.valueOf(revision)), items);
	}
}

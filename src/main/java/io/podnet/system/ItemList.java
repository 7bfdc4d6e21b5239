package io.podnet.system;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A list answer, shaped like a Kubernetes list: an object with {@code items}, so it can grow paging fields. */
@Schema(description = "A list of resources")
public record ItemList<T>(List<T> items) {
}

package io.podnet.access;

import io.podnet.api.Names;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateTokenRequest", description = "A new API token: its name, its role and optionally the clusters it is limited to")
record CreateTokenRequest(
		@Schema(description = "Token name, a DNS-1123 label, unique; it names the caller in the audit log",
				example = "ci-deployer", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE)
		String name,
		@Schema(description = "viewer: every GET; editor: viewer + every write on the clusters of its scope (an "
				+ "unscoped editor may also create clusters); admin: everything, including tokens and the audit log",
				allowableValues = { "viewer", "editor", "admin" }, example = "editor",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Pattern(regexp = "viewer|editor|admin", message = "must be viewer, editor or admin")
		String role,
		@Schema(description = "The clusters the token is limited to (they need not exist yet); absent or empty: "
				+ "every cluster. An admin token cannot be limited", example = "[\"demo\"]")
		@Size(max = 64)
		List<@NotNull @Size(min = 1, max = 63) @Pattern(regexp = Names.DNS1123_LABEL, message = Names.DNS1123_MESSAGE) String> clusters) {

	List<String> scope() {
		return clusters == null ? List.of() : clusters.stream().distinct().sorted().toList();
	}
}

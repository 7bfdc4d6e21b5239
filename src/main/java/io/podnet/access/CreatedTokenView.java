package io.podnet.access;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "CreatedToken", description = "A token just created, with its secret: the only time podnet shows it")
record CreatedTokenView(
		@Schema(example = "ci-deployer") String name,
		@Schema(allowableValues = { "viewer", "editor", "admin" }, example = "editor") Role role,
		List<String> clusters,
		Instant createdAt,
		String createdBy,
		@Schema(description = "Send as 'Authorization: Bearer <secret>'. Stored only as a hash: keep it now, "
				+ "it cannot be shown again", example = "podnet_3q2-7wVhz0sGkQp1lY8cJtq3o0mVYb3w3c1Q3x3kJ9E")
		String secret) {
}

package io.podnet.access;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(name = "Token", description = "An API token, without its secret")
record TokenView(
		@Schema(example = "ci-deployer") String name,
		@Schema(allowableValues = { "viewer", "editor", "admin" }, example = "editor") Role role,
		@Schema(description = "The clusters it is limited to; empty: every cluster", example = "[\"demo\"]") List<String> clusters,
		Instant createdAt,
		@Schema(description = "The token that created it; absent for the bootstrap admin token") String createdBy) {

	static TokenView of(StoredToken token) {
		return new TokenView(token.name(), token.role(), token.clusters(), token.createdAt(), token.createdBy());
	}
}

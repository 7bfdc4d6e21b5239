package io.podnet.access;

import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens", description = "Who may call the API: bearer tokens with a role and an optional cluster scope (admin only)")
class TokenController {

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a token", description = "Answers the secret once; podnet keeps only its SHA-256. "
			+ "Send it as 'Authorization: Bearer <secret>'.")
	ResponseEntity<CreatedTokenView> create(@Valid @RequestBody CreateTokenRequest request) {
		CreatedTokenView created = tokens.create(request);
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.name())).body(created);
	}

	@GetMapping
	@Operation(summary = "List tokens", description = "By name, without secrets, a page at a time with limit and continue.")
	ItemList<TokenView> list(Paging paging) {
		return tokens.list(paging);
	}

	@GetMapping("/{token}")
	@Operation(summary = "Get a token", description = "Its role, scope and creation, without its secret.")
	TokenView get(@Parameter(description = "Token name", example = "ci-deployer") @PathVariable String token) {
		return tokens.get(token);
	}

	@DeleteMapping("/{token}")
	@Operation(summary = "Revoke a token", description = "Every replica refuses it within a second. The last admin "
			+ "token cannot be revoked (409).")
	ResponseEntity<Void> delete(@Parameter(description = "Token name", example = "ci-deployer") @PathVariable String token) {
		tokens.revoke(token);
		return ResponseEntity.noContent().build();
	}
}

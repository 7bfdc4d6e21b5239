package io.podnet.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The token of the request being served, for code that must know who asks (scopes, audit). */
public final class Caller {

	/** The request attribute that keeps the token's name once Spring Security has cleared its context. */
	static final String NAME_ATTRIBUTE = "io.podnet.access.caller";

	private Caller() {
	}

	public static Optional<TokenPrincipal> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof TokenPrincipal token
				? Optional.of(token) : Optional.empty();
	}

	/**
	 * The clusters the caller may see; empty = all of them (an unscoped token, or code running
	 * outside a request, such as startup).
	 */
	public static List<String> currentScope() {
		return current().map(TokenPrincipal::clusters).orElse(List.of());
	}

	/** The token that sent this request, also after the security chain has finished with it. */
	public static Optional<String> nameOf(HttpServletRequest request) {
		return Optional.ofNullable((String) request.getAttribute(NAME_ATTRIBUTE)).or(Caller::currentName);
	}

	public static Optional<String> currentName() {
		return current().map(TokenPrincipal::name);
	}
}

package io.podnet.access;

import io.podnet.database.DatabaseFailures;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Spring Security's opaque-token hook, answered from podnet's own token table. A database that
 * cannot be asked is not a bad token: it becomes an introspection failure, answered 503.
 */
class TokenIntrospector implements OpaqueTokenIntrospector {

	private final TokenService tokens;

	TokenIntrospector(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String secret) {
		try {
			return tokens.authenticate(secret)
					.orElseThrow(() -> new BadOpaqueTokenException("the bearer token is unknown or revoked"));
		} catch (RuntimeException e) {
			if (DatabaseFailures.isUnavailable(e)) {
				throw new OAuth2IntrospectionException("the database is unavailable", e);
			}
			throw e;
		}
	}
}

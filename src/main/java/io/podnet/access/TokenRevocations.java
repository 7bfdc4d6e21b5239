package io.podnet.access;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.stereotype.Component;

/**
 * For requests that outlive their authentication (watch streams): whether the token a request
 * came with has been revoked since, on any replica. The hashes of the tokens that exist are read
 * as one statement at most every {@code podnet.security.token-cache}, however many streams ask.
 */
@Component
public class TokenRevocations {

	private final TokenRepository tokens;
	private final long cacheNanos;
	private final Object lock = new Object();
	private Set<String> hashes = Set.of();
	private long readAt;
	private boolean read;

	TokenRevocations(TokenRepository tokens, @Value("${podnet.security.token-cache:500ms}") Duration cache) {
		this.tokens = tokens;
		this.cacheNanos = cache.toNanos();
	}

	/**
	 * A check, callable from any thread, that the current request's token still exists; always true
	 * for a request without a token (security turned off).
	 */
	public BooleanSupplier ofCurrentRequest() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof BearerTokenAuthentication bearer)) {
			return () -> true;
		}
		String hash = Secrets.hash(bearer.getToken().getTokenValue());
		return () -> current().contains(hash);
	}

	private Set<String> current() {
		synchronized (lock) {
			if (!read || System.nanoTime() - readAt > cacheNanos) {
				hashes = tokens.secretHashes();
				readAt = System.nanoTime();
				read = true;
			}
			return hashes;
		}
	}
}

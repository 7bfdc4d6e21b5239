package io.podnet.access;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
	/** The token hashes last read and when; null until the first check. */
	private volatile Snapshot snapshot;
	/** Someone is reading the hashes again; the others go on with the last ones meanwhile. */
	private final AtomicBoolean refreshing = new AtomicBoolean();
	private final Object firstRead = new Object();

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

	/**
	 * The hashes of the tokens that exist, at most {@code token-cache} old, or a little older while
	 * one thread reads them again: a thousand watches each checking their token every second never
	 * queue behind that statement.
	 */
	private Set<String> current() {
		Snapshot seen = snapshot;
		if (seen == null) {
			synchronized (firstRead) {
				if (snapshot == null) {
					snapshot = new Snapshot(tokens.secretHashes(), System.nanoTime());
				}
				return snapshot.hashes();
			}
		}
		if (System.nanoTime() - seen.readAt() <= cacheNanos || !refreshing.compareAndSet(false, true)) {
			return seen.hashes();
		}
		try {
			Snapshot read = new Snapshot(tokens.secretHashes(), System.nanoTime());
			snapshot = read;
			return read.hashes();
		} finally {
			refreshing.set(false);
		}
	}

	private record Snapshot(Set<String> hashes, long readAt) {
	}
}

package io.podnet.access;

import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.problem.Conflict;
import io.podnet.problem.InvalidValue;
import io.podnet.problem.ResourceNotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and revokes tokens, and tells who a secret belongs to. Lookups are cached for
 * {@code podnet.security.token-cache} (0.5 s): an authenticated request then costs a hash and a map
 * lookup, not a query, and a token revoked on any replica stops working on every replica within
 * that time, because each replica's cache forgets it by then.
 */
@Service
public class TokenService {

	/** Longer is no secret podnet made or accepts, and is refused without a lookup. */
	static final int MAX_SECRET_LENGTH = 512;

	/** The cache is dropped whole beyond this many entries, so random secrets cannot fill memory. */
	private static final int MAX_CACHED = 10_000;

	private record Cached(StoredToken token, long expiresAt) {
	}

	private final TokenRepository tokens;
	private final long cacheNanos;
	private final Clock clock;
	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	TokenService(TokenRepository tokens, @Value("${podnet.security.token-cache:500ms}") Duration cacheFor) {
		this.tokens = tokens;
		this.cacheNanos = cacheFor.toNanos();
		this.clock = Clock.systemUTC();
	}

	/** The token whose secret this is, if any. */
	Optional<TokenPrincipal> authenticate(String secret) {
		if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
			return Optional.empty();
		}
		String hash = Secrets.hash(secret);
		long now = System.nanoTime();
		Cached cached = cache.get(hash);
		if (cached != null && now - cached.expiresAt() < 0) {
			return Optional.of(TokenPrincipal.of(cached.token()));
		}
		Optional<StoredToken> stored = tokens.findBySecretHash(hash).filter(t -> Secrets.same(t.secretHash(), hash));
		if (stored.isEmpty()) {
			cache.remove(hash);
			return Optional.empty();
		}
		if (cache.size() >= MAX_CACHED) {
			cache.clear();
		}
		cache.put(hash, new Cached(stored.get(), now + cacheNanos));
		return stored.map(TokenPrincipal::of);
	}

	@Transactional
	CreatedTokenView create(CreateTokenRequest request) {
		Role role = Role.of(request.role());
		List<String> scope = request.scope();
		if (role == Role.ADMIN && !scope.isEmpty()) {
			throw new InvalidValue("clusters", scope, "must be empty for an admin token: an admin manages tokens and "
					+ "the audit log of every cluster. Use an editor or viewer token to limit a caller to clusters");
		}
		if (tokens.find(request.name()).isPresent()) {
			throw Conflict.alreadyExists("token", request.name(), null);
		}
		String secret = Secrets.generate();
		StoredToken token = new StoredToken(request.name(), role, scope, Secrets.hash(secret), now(),
				Caller.currentName().orElse(null));
		try {
			tokens.insert(token);
		} catch (DuplicateKeyException e) {
			throw Conflict.nameTakenConcurrently();
		}
		return new CreatedTokenView(token.name(), role, scope, token.createdAt(), token.createdBy(), secret);
	}

	@Transactional(readOnly = true)
	ItemList<TokenView> list(Paging paging) {
		return paging.page(tokens.findPage(paging.after(0), paging.limit() + 1), t -> List.of(t.name()), TokenView::of);
	}

	@Transactional(readOnly = true)
	TokenView get(String name) {
		return tokens.find(name).map(TokenView::of).orElseThrow(() -> new ResourceNotFound("token", name));
	}

	/** Revokes a token on every replica within the cache time. The last admin token cannot go. */
	@Transactional
	void revoke(String name) {
		StoredToken token = tokens.find(name).orElseThrow(() -> new ResourceNotFound("token", name));
		if (token.role() == Role.ADMIN && tokens.otherAdmins(name) == 0) {
			throw Conflict.inUse("token '" + name + "' is the last admin token; create another admin token first, "
					+ "or nobody could manage tokens any more");
		}
		tokens.delete(name);
		cache.values().removeIf(c -> c.token().name().equals(name));
	}

	/**
	 * Makes sure the named admin token has this secret (PODNET_ADMIN_TOKEN): created if missing,
	 * its secret replaced if it differs. Replicas that start together may race; the loser updates (each statement commits
	 * on its own, so a lost insert does not abort the update that follows).
	 */
	public void ensureAdmin(String name, String secret) {
		StoredToken token = new StoredToken(name, Role.ADMIN, List.of(), Secrets.hash(secret), now(), null);
		if (!tokens.replace(token)) {
			try {
				tokens.insert(token);
			} catch (DuplicateKeyException e) {
				tokens.replace(token);
			}
		}
	}

	@Transactional(readOnly = true)
	boolean anyAdmin() {
		return tokens.anyAdmin();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}
}

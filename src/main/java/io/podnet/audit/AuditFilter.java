package io.podnet.audit;

import io.podnet.access.Caller;
import io.podnet.api.DryRun;
import io.podnet.problem.Echo;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Opens the audit record of every write request (any method but GET, HEAD, OPTIONS) before
 * authentication, so that refusals are recorded too: {@link AuditTrail} writes the record of a
 * write that commits, with the change; this filter writes the record of one that does not (401,
 * 403, 404, 409, 422, 503...), on its own, after the answer is decided, and corrects the status of
 * a committed record when the answer was not the usual 201/204/200. A dry run (?dryRun=All) commits
 * nothing: it is recorded only when refused. Requests refused earlier, by
 * the request guard's size, encoding and query checks, never reach this far and are not recorded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final AuditRepository events;

	AuditFilter(AuditRepository events) {
		this.events = events;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return READS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, AuditBody.MAX * 4);
		String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		AuditedWrite write = new AuditedWrite(Instant.now().truncatedTo(ChronoUnit.MILLIS),
				Echo.cut(request.getMethod(), 16), Echo.cut(path, 2000), () -> AuditBody.of(cached.getContentAsByteArray()));
		AuditedWrite.begin(write);
		try {
			chain.doFilter(cached, response);
		} finally {
			AuditedWrite.end();
		}
		recordOutcome(write, request, response.getStatus());
	}

	private void recordOutcome(AuditedWrite write, HttpServletRequest request, int status) {
		try {
			if (write.recorded != null) {
				if (status != write.expectedStatus()) {
					events.setStatus(write.recorded, status);
				}
				return;
			}
			if (status < 300 && DryRun.asked(request)) {
				// a dry run that went through changed nothing, like a read: there is nothing to record
				return;
			}
			if (status == 503) {
				// the database could not be reached for the write itself: it cannot take its record
				// either, and trying would hold a request thread for another connection timeout
				log.warn("Not recorded in the audit log (database unavailable): {} {} by {}", write.method, write.path,
						Caller.nameOf(request).orElse("no token"));
				return;
			}
			events.insert(new AuditEventView(0, write.at, Caller.nameOf(request).orElse(null), write.method, write.path,
					write.cluster(), status, "refused", write.body.get()));
		} catch (RuntimeException e) {
			// the answer is decided and nothing changed; a database that cannot take the record now
			// must not turn it into another answer
			log.warn("Could not record a refused {} {} ({}) in the audit log: {}", write.method, write.path, status,
					e.toString());
		}
	}
}

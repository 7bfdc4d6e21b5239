package io.podnet.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token that cannot be checked because the database is away is a 503 with Retry-After, like
 * every other request then. Spring Security's bearer filter rethrows such a failure (it is not the
 * caller's fault, so not a 401), which would reach the container as a 500; this filter, just
 * before it in the chain, answers it instead. Not a bean, so the container does not run it twice.
 */
class TokenCheckFailures extends OncePerRequestFilter {

	private final ProblemAnswers answers;

	TokenCheckFailures(ProblemAnswers answers) {
		this.answers = answers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		} catch (AuthenticationServiceException e) {
			if (response.isCommitted()) {
				throw e;
			}
			answers.commence(request, response, e);
		}
	}
}

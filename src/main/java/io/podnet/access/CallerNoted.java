package io.podnet.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the name of the authenticated token on the request (see {@link Caller#nameOf}), where
 * the audit log finds it after Spring Security has cleared its context: a write refused with 403
 * is recorded under the token that sent it. Runs inside the security chain, right after the
 * bearer token is checked; deliberately not a bean, so the servlet container does not run it twice.
 */
class CallerNoted extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Caller.currentName().ifPresent(name -> request.setAttribute(Caller.NAME_ATTRIBUTE, name));
		chain.doFilter(request, response);
	}
}

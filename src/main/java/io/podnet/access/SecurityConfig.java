package io.podnet.access;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Bearer tokens on every request but health and the API documentation ({@link AccessRules}), with
 * no sessions and no cookies (so no CSRF to defend): each request carries its token.
 */
@Configuration
class SecurityConfig {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

	@Bean
	SecurityFilterChain api(HttpSecurity http, TokenService tokens, AccessRules rules,
			@Value("${podnet.security.enabled:true}") boolean enabled) throws Exception {
		if (!enabled) {
			// kube-apiserver's --authorization-mode=AlwaysAllow: for measuring what security costs
			// (bench/auth.sh) and for nothing else
			log.warn("podnet.security.enabled=false: EVERY REQUEST IS ALLOWED WITHOUT A TOKEN. Never run it so "
					+ "where anyone else can reach the port");
			return http.csrf(csrf -> csrf.disable())
					.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
					.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
		}
		ProblemAnswers answers = new ProblemAnswers(rules);
		AuthorizationManager<RequestAuthorizationContext> byRules = (authentication, context) -> {
			AccessRules.Need need = rules.need(context.getRequest());
			return new AuthorizationDecision(need.isPublic()
					|| authentication.get().getPrincipal() instanceof TokenPrincipal token && need.metBy(token));
		};
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		// a token in a URL ends up in logs, proxies and browser history: only the header is read
		header.setAllowUriQueryParameter(false);
		header.setAllowFormEncodedBodyParameter(false);
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				.formLogin(form -> form.disable())
				.httpBasic(basic -> basic.disable())
				.logout(logout -> logout.disable())
				// the security headers go on before the chain runs, not when the response commits: a
				// watch's thread commits its response while the request thread is still on its way back
				// through the filters, and two threads writing Tomcat's headers corrupt them (a watch that is
				// never answered, NullPointerExceptions on later requests; spring-security#15510)
				.headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
					@Override
					public <O extends HeaderWriterFilter> O postProcess(O filter) {
						filter.setShouldWriteHeadersEagerly(true);
						return filter;
					}
				}))
				.authorizeHttpRequests(requests -> requests
						// the container's error page and the second half of a streamed answer were
						// authorized as the request they belong to
						.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
						.anyRequest().access(byRules))
				.oauth2ResourceServer(server -> server
						.bearerTokenResolver(header)
						.authenticationEntryPoint(answers)
						.accessDeniedHandler(answers)
						.opaqueToken(opaque -> opaque.introspector(new TokenIntrospector(tokens))))
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
				.addFilterBefore(new TokenCheckFailures(answers), BearerTokenAuthenticationFilter.class)
				.addFilterAfter(new CallerNoted(), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * Spring Security's firewall, opened where the API needs it: a route is named by its
	 * destination, so DELETE .../routes/10.244.200.0%2F24 carries an encoded slash (Tomcat and
	 * Spring decode it inside the path variable only). Unknown methods reach Spring MVC, which
	 * answers 405 as before. What it still refuses gets a problem+json 400.
	 */
	@Bean
	WebSecurityCustomizer firewall(AccessRules rules) {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedSlash(true);
		// Tomcat passes %2F through undecoded (web/WebConfig), so the decoded path holds a '%'
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setUnsafeAllowAnyHttpMethod(true);
		return web -> web.httpFirewall(firewall).requestRejectedHandler(new ProblemAnswers(rules));
	}

	/** No user names and passwords: this keeps Spring Boot from making a default user. */
	@Bean
	UserDetailsService noUsers() {
		return username -> {
			throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
		};
	}
}

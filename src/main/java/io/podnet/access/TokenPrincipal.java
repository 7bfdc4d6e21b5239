package io.podnet.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/** The caller behind a valid bearer token: its name, role and scope. */
public record TokenPrincipal(String name, Role role, List<String> clusters) implements OAuth2AuthenticatedPrincipal {

	static TokenPrincipal of(StoredToken token) {
		return new TokenPrincipal(token.name(), token.role(), List.copyOf(token.clusters()));
	}

	/** Whether the token may see this cluster at all. */
	public boolean sees(String cluster) {
		return clusters.isEmpty() || clusters.contains(cluster);
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return Map.of("role", role.label(), "clusters", clusters);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}
}

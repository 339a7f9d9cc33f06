package org.vivacite.portal.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking: the OIDC subject, a name to show, and the roles, from a page session (an OIDC
 * login) or a bearer token alike.
 *
 * @param subject the provider's {@code sub}: the key of the person's enrolments
 * @param name the {@code name} claim, else {@code preferred_username}, else the subject
 * @param roles the roles the provider's roles claim gave
 */
public record Identity(String subject, String name, Set<Role> roles) {

    public Identity {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The identity of an authenticated request. */
    public static Identity of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : authentication.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof OidcUser user) {
            return new Identity(user.getSubject(), displayName(user.getClaims(), user.getSubject()), roles);
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            String subject = jwt.getToken().getSubject();
            return new Identity(subject, displayName(jwt.getToken().getClaims(), subject), roles);
        }
        return new Identity(authentication.getName(), authentication.getName(), roles);
    }

    private static String displayName(Map<String, Object> claims, String subject) {
        for (String claim : List.of("name", "preferred_username")) {
            if (claims.get(claim) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return subject;
    }

    /**
     * The authorities of the roles a token's claims list, at {@code claimPath} (dotted for nested
     * claims, as Keycloak's {@code realm_access.roles}); names that are no role of ours are passed over.
     */
    static Collection<GrantedAuthority> authorities(Map<String, Object> claims, String claimPath) {
        Object value = claims;
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        List<GrantedAuthority> out = new ArrayList<>();
        if (value instanceof Collection<?> names) {
            for (Object n : names) {
                for (Role r : Role.values()) {
                    if (r.claim().equals(n)) {
                        out.add(new SimpleGrantedAuthority(r.authority()));
                    }
                }
            }
        }
        return out;
    }
}

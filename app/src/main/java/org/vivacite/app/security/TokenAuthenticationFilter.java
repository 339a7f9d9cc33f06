package org.vivacite.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vivacite.portal.identity.BearerTokens;

/**
 * Turns an {@code Authorization: Bearer <token>} header into the token holder's identity
 * ({@code ROLE_OPERATOR} or {@code ROLE_GATEWAY}); on {@code /admin/**}, a person's token from
 * the OIDC provider gives the roles of its claim (an operator's is {@code ROLE_OPERATOR} too). An
 * unknown token gets no identity, so a protected endpoint answers 401; public endpoints ignore the
 * header.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Credentials credentials;
    private final BearerTokens people;

    TokenAuthenticationFilter(Credentials credentials, BearerTokens people) {
        this.credentials = credentials;
        this.people = people;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearerToken(request);
        Optional<Authentication> auth = token.flatMap(credentials::holderOf)
                .map(holder -> new PreAuthenticatedAuthenticationToken(
                        holder.name(), "", List.of(new SimpleGrantedAuthority("ROLE_" + holder.role()))));
        if (auth.isEmpty() && token.isPresent() && request.getServletPath().startsWith("/admin/")) {
            auth = people.authenticate(token.get()).map(Authentication.class::cast);
        }
        auth.ifPresent(a -> SecurityContextHolder.getContext().setAuthentication(a));
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip()).filter(t -> !t.isEmpty());
    }
}

package org.vivacite.portal.identity;

import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * People's bearer tokens (JWTs of the OIDC provider) as authentications whose authorities are the
 * roles of the token's roles claim ({@link Role#authority()}): the API's resource server uses it,
 * and the application's operator paths take an operator's token through it.
 */
public final class BearerTokens {

    private final JwtDecoder decoder;
    private final String rolesClaim;

    BearerTokens(JwtDecoder decoder, String rolesClaim) {
        this.decoder = decoder;
        this.rolesClaim = rolesClaim;
    }

    /** The token's authentication, if the provider signed it and it is valid now; never logs the token. */
    public Optional<JwtAuthenticationToken> authenticate(String token) {
        try {
            return Optional.of(authentication(decoder.decode(token)));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    JwtAuthenticationToken authentication(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, Identity.authorities(jwt.getClaims(), rolesClaim), jwt.getSubject());
    }
}

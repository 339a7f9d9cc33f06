package org.vivacite.portal.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of identity, under {@code vivacite.portal.identity.*} (docs/identity.md).
 *
 * @param issuerUri an external OIDC provider's issuer (its discovery document is at {@code
 *     {issuer}/.well-known/openid-configuration}); empty: the embedded provider, at the base IRI
 * @param clientId the platform's client id at the provider ({@code vivacite-portal} at the embedded one)
 * @param clientSecret its secret at an external provider (at the embedded one, made at each start)
 * @param rolesClaim the claim of the ID and access tokens that lists the person's roles
 * @param accessTokenTtl how long an access token of the embedded provider is valid
 * @param login how many login attempts the embedded provider takes
 * @param clients other applications that log in through the embedded provider
 */
@ConfigurationProperties("vivacite.portal.identity")
public record IdentityProperties(
        String issuerUri,
        @DefaultValue("vivacite-portal") String clientId,
        String clientSecret,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue Login login,
        List<Client> clients) {

    /**
     * Login attempts, in token buckets (Bucket4j): each attempt takes one from its account's bucket
     * and one from its client address's; an empty bucket refuses the attempt ({@code 429}, {@code
     * Retry-After}) before the password is checked. A bucket refills its size over {@code period}.
     *
     * @param perAccount attempts at one user name in a period
     * @param perAddress attempts from one client address in a period
     * @param period the time a bucket takes to refill from empty
     */
    public record Login(
            @DefaultValue("5") int perAccount,
            @DefaultValue("30") int perAddress,
            @DefaultValue("15m") Duration period) {}

    /**
     * An application that logs its users in through the embedded provider (authorization code with
     * PKCE and a client secret): another VivaCité, a dashboard.
     *
     * @param clientId its client id
     * @param secret its secret
     * @param redirectUri where the provider sends the code back
     */
    public record Client(String clientId, String secret, String redirectUri) {}

    public IdentityProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri.strip();
    }

    /** Whether the people log in at an external provider rather than the embedded one. */
    public boolean external() {
        return issuerUri != null;
    }
}

package org.vivacite.portal.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded OIDC provider (Spring Authorization Server), the default: its issuer is the base
 * IRI without its last {@code /}, its accounts are {@link Accounts}, its tokens are signed with
 * {@link SigningKey} and carry the {@code roles} and {@code name} claims. Its clients:
 *
 * <ul>
 *   <li>{@code vivacite-portal} (the {@code client-id} setting): the platform's own pages, with a
 *       secret made at each start that never leaves the process;
 *   <li>{@code vivacite-api}: a public client (no secret) for scripts and apps that call the API
 *       with a bearer token, redirecting to {@code http://127.0.0.1/callback} on any port (RFC 8252);
 *   <li>those of {@code vivacite.portal.identity.clients}.
 * </ul>
 *
 * All with PKCE required. Its beans exist only without {@code vivacite.portal.identity.issuer-uri}.
 */
@Configuration
class EmbeddedProvider {

    /** Only without an external provider. */
    static final String EMBEDDED = "'${vivacite.portal.identity.issuer-uri:}'.isBlank()";

    /** The public client of scripts and apps. */
    static final String API_CLIENT = "vivacite-api";

    static final String API_REDIRECT = "http://127.0.0.1/callback";

    /** The claim of the roles in the embedded provider's tokens. */
    static final String ROLES_CLAIM = "roles";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityProperties properties;
    private final String base;
    private final String issuer;
    private final Path keyFile;
    /** The secret of the platform's own client: made at each start, it never leaves the process. */
    private final String portalSecret;

    private volatile RSAKey key;

    EmbeddedProvider(
            IdentityProperties properties,
            @Value("${vivacite.base-iri}") String base,
            @Value("${vivacite.data}") Path data) {
        this.properties = properties;
        this.base = base.endsWith("/") ? base : base + "/";
        this.issuer = this.base.substring(0, this.base.length() - 1);
        this.keyFile = data.resolve("identity").resolve("signing-key.json");
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.portalSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private RSAKey key() {
        RSAKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = SigningKey.loadOrCreate(keyFile);
                }
                k = key;
            }
        }
        return k;
    }

    @Bean
    @ConditionalOnExpression(EMBEDDED)
    JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> selector.select(new JWKSet(key()));
    }

    @Bean
    @ConditionalOnExpression(EMBEDDED)
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    @ConditionalOnExpression(EMBEDDED)
    RegisteredClientRepository registeredClients(PasswordEncoder passwordEncoder) {
        List<RegisteredClient> clients = new ArrayList<>();
        clients.add(confidential(
                properties.clientId(), passwordEncoder.encode(portalSecret), base + "login/oauth2/code/vivacite"));
        clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(API_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(API_REDIRECT)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(settings())
                .tokenSettings(tokens())
                .build());
        for (IdentityProperties.Client c : properties.clients()) {
            if (c.clientId() == null || c.secret() == null || c.redirectUri() == null) {
                throw new IdentityException("vivacite.portal.identity.clients: client '" + c.clientId()
                        + "' needs client-id, secret and redirect-uri");
            }
            clients.add(confidential(c.clientId(), passwordEncoder.encode(c.secret()), c.redirectUri()));
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    private RegisteredClient confidential(String id, String encodedSecret, String redirect) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(id)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(redirect)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(settings())
                .tokenSettings(tokens())
                .build();
    }

    private static ClientSettings settings() {
        return ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                .build();
    }

    private TokenSettings tokens() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .build();
    }

    /** The account's roles and name in its ID and access tokens, as the accounts file has them now. */
    @Bean
    @ConditionalOnExpression(EMBEDDED)
    OAuth2TokenCustomizer<JwtEncodingContext> rolesInTokens(Accounts accounts) {
        return context -> {
            boolean idToken =
                    OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!idToken && !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            accounts.find(context.getPrincipal().getName())
                    .ifPresent(a -> context.getClaims()
                            .claim(
                                    ROLES_CLAIM,
                                    a.roles().stream().sorted().map(Role::claim).toList())
                            .claim("name", a.name()));
        };
    }

    /**
     * The provider's endpoints ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code
     * /oauth2/jwks}, {@code /.well-known/openid-configuration}, {@code /userinfo}, …); a browser
     * that is not logged in is sent to {@code /login}.
     */
    @Bean
    @Order(1)
    @ConditionalOnExpression(EMBEDDED)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The platform's own client at the embedded provider, reached at the base IRI. */
    ClientRegistration registration(String base) {
        return ClientRegistration.withRegistrationId(IdentityConfiguration.REGISTRATION)
                .clientId(properties.clientId())
                .clientSecret(portalSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(this.base + "login/oauth2/code/" + IdentityConfiguration.REGISTRATION)
                .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                .authorizationUri(issuer + "/oauth2/authorize")
                .tokenUri(issuer + "/oauth2/token")
                .jwkSetUri(issuer + "/oauth2/jwks")
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .clientName("VivaCité")
                .build();
    }

    /** Checks the embedded provider's tokens in-process: its key, its issuer, their time. */
    JwtDecoder jwtDecoder() {
        NimbusJwtDecoder decoder;
        try {
            decoder = NimbusJwtDecoder.withPublicKey(key().toRSAPublicKey()).build();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IdentityException("the signing key " + keyFile + " has no RSA public key", e);
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}

package org.vivacite.portal.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Identity as a Spring configuration for the application to import (docs/identity.md): people log
 * in with OpenID Connect, authorization code with PKCE, at the embedded provider ({@link
 * EmbeddedProvider}, the default) or at an external one ({@code vivacite.portal.identity.issuer-uri});
 * pages keep a session, the API takes bearer JWTs of the same provider. Its filter chain covers
 * {@code /login}, {@code /logout}, the OIDC client's paths and {@code /api/**}, ahead of the
 * application's own chains; {@code /api/manager/**} and the managers' pages
 * {@code /manager/**} need the manager role, {@code /api/official/**}
 * the official one.
 */
@Configuration
@ComponentScan
@EnableConfigurationProperties(IdentityProperties.class)
@Import(EmbeddedProvider.class)
public class IdentityConfiguration {

    /** The OIDC client's registration id: {@code /oauth2/authorization/vivacite} starts a login. */
    static final String REGISTRATION = "vivacite";

    /** Where a login starts. */
    static final String LOGIN_START = "/oauth2/authorization/" + REGISTRATION;

    /** The chain of people's paths runs after the embedded provider's ({@link EmbeddedProvider}). */
    public static final int PEOPLE_ORDER = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Argon2id (spring-security-crypto's defaults: 16 MiB, 2 iterations) for new hashes; bcrypt and
     * PBKDF2 hashes, by their {@code {id}} prefix, still verify.
     */
    @Bean
    public static PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                "argon2",
                Map.of(
                        "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt", new BCryptPasswordEncoder(),
                        "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    @Bean
    Accounts accounts(@Value("${vivacite.data}") Path data, PasswordEncoder passwordEncoder) {
        return Accounts.open(data.resolve("identity").resolve("accounts.json"), passwordEncoder);
    }

    /** With an external provider: its registration, from its discovery document at the first login. */
    @Bean
    ClientRegistrationRepository clientRegistrations(
            IdentityProperties properties, @Value("${vivacite.base-iri}") String base, EmbeddedProvider embedded) {
        if (!properties.external()) {
            return id -> REGISTRATION.equals(id) ? embedded.registration(base) : null;
        }
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            throw new IdentityException(
                    "vivacite.portal.identity.client-secret is needed with an external provider (issuer-uri "
                            + properties.issuerUri() + ")");
        }
        Supplier<ClientRegistration> discovered =
                memoized(() -> ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                        .registrationId(REGISTRATION)
                        .clientId(properties.clientId())
                        .clientSecret(properties.clientSecret())
                        .scope("openid", "profile")
                        .redirectUri(base + "login/oauth2/code/" + REGISTRATION)
                        .build());
        return id -> REGISTRATION.equals(id) ? discovered.get() : null;
    }

    /** The bearer tokens of the API: the embedded provider's, or the external one's (its keys fetched at first use). */
    @Bean
    JwtDecoder jwtDecoder(IdentityProperties properties, EmbeddedProvider embedded) {
        return properties.external()
                ? new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(properties.issuerUri()))
                : embedded.jwtDecoder();
    }

    @Bean
    BearerTokens bearerTokens(IdentityProperties properties, JwtDecoder jwtDecoder) {
        return new BearerTokens(jwtDecoder, rolesClaim(properties));
    }

    private static String rolesClaim(IdentityProperties properties) {
        return properties.external() ? properties.rolesClaim() : EmbeddedProvider.ROLES_CLAIM;
    }

    @Bean
    @Order(PEOPLE_ORDER)
    SecurityFilterChain people(
            HttpSecurity http,
            IdentityProperties properties,
            ClientRegistrationRepository registrations,
            JwtDecoder jwtDecoder,
            BearerTokens bearerTokens)
            throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        String roles = rolesClaim(properties);
        http.securityMatcher(
                        "/",
                        "/me",
                        "/me/**",
                        "/manager",
                        "/manager/**",
                        "/login",
                        "/logout",
                        "/oauth2/authorization/**",
                        "/login/oauth2/code/**",
                        "/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/api/openapi.json", "/api/openapi.json/**", "/api/consent-receipts/jwks")
                        .permitAll()
                        .requestMatchers("/api/manager/**", "/manager", "/manager/**")
                        .hasAuthority(Role.MANAGER.authority())
                        .requestMatchers("/api/official/**")
                        .hasAuthority(Role.OFFICIAL.authority())
                        .requestMatchers("/api/**", "/me", "/me/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2Login(o -> o.loginPage("/login")
                        .authorizationEndpoint(e -> e.authorizationRequestResolver(resolver))
                        .userInfoEndpoint(u -> u.userAuthoritiesMapper(rolesOfIdToken(roles))))
                .oauth2ResourceServer(rs ->
                        rs.jwt(j -> j.decoder(jwtDecoder).jwtAuthenticationConverter(bearerTokens::authentication)))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()));
        if (properties.external()) {
            http.formLogin(AbstractHttpConfigurer::disable);
        } else {
            http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl(LOGIN_START))
                    .addFilterBefore(new LoginRate(properties.login()), UsernamePasswordAuthenticationFilter.class);
        }
        return http.build();
    }

    /** {@code /api/**}: 401 in JSON, the API's way; pages: to the login. */
    private static AuthenticationEntryPoint entryPoint() {
        var api = new AntPathRequestMatcher("/api/**");
        var pages = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, ex) -> {
            if (!api.matches(request)) {
                pages.commence(request, response, ex);
                return;
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"vivacite\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JSON.writeValue(
                    response.getWriter(),
                    Map.of(
                            "status",
                            401,
                            "title",
                            HttpStatus.UNAUTHORIZED.getReasonPhrase(),
                            "detail",
                            request.getRequestURI()
                                    + " needs a login (a session from /login) or 'Authorization: Bearer <token>'"
                                    + " from the OIDC provider"));
        };
    }

    /** The roles of the ID token's roles claim, as authorities of the session. */
    private static GrantedAuthoritiesMapper rolesOfIdToken(String claim) {
        return authorities -> {
            List<GrantedAuthority> out = new ArrayList<>();
            for (GrantedAuthority a : authorities) {
                if (a instanceof OidcUserAuthority oidc) {
                    out.addAll(Identity.authorities(oidc.getIdToken().getClaims(), claim));
                    if (oidc.getUserInfo() != null) {
                        Collection<GrantedAuthority> more =
                                Identity.authorities(oidc.getUserInfo().getClaims(), claim);
                        more.stream().filter(m -> !out.contains(m)).forEach(out::add);
                    }
                }
            }
            return out;
        };
    }

    /** The value once it was made; a failure is tried again at the next call (a provider down at start). */
    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = make.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}

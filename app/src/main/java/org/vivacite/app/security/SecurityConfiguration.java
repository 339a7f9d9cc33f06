package org.vivacite.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.BearerTokens;

/**
 * Who may call what: {@code /ingest/**} needs a gateway token, {@code /admin/**} the operator
 * token or an operator's bearer token from the OIDC provider; everything else (SPARQL, linked data,
 * catalogue, health, metrics) is public. Stateless: no session, no cookie, hence no CSRF token.
 * People's paths ({@code /login}, {@code /api/**}, the provider's) have chains of their own, ahead
 * of this one (portal's IdentityConfiguration).
 */
@Configuration
class SecurityConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    Credentials credentials(VivaciteProperties properties) throws IOException {
        return CredentialsLoader.load(properties);
    }

    /**
     * The public SPARQL endpoint needs no security filter: it takes no credential, writes nothing,
     * and answers CORS itself (SparqlServlet); skipping the chain saves a partner's every query its
     * cost (docs/benchmarks.md).
     */
    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer publicSparql() {
        return web -> web.ignoring().requestMatchers("/sparql", "/sparql/", "/.well-known/void");
    }

    /** Security headers on every response, before any other filter runs (SecurityHeaders). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The pseudonyms of private IRIs, under the platform's secret key (CredentialsLoader). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "vivacite.demo",
            havingValue = "true")
    DemoGateway demoGateway(VivaciteProperties properties) throws IOException {
        return new DemoGateway(CredentialsLoader.DEMO_GATEWAY, CredentialsLoader.demoGatewayToken(properties));
    }

    /** With {@code --demo}: an account of each role, in {@code {data}/credentials} (CredentialsLoader). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "vivacite.demo",
            havingValue = "true")
    DemoAccounts demoAccounts(VivaciteProperties properties, Accounts accounts) throws IOException {
        return new DemoAccounts(CredentialsLoader.demoAccounts(properties, accounts));
    }

    @Bean
    Pseudonyms pseudonyms(VivaciteProperties properties) throws IOException {
        return CredentialsLoader.pseudonyms(properties);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Credentials credentials, BearerTokens people)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(publicCors()))
                .addFilterBefore(new TokenAuthenticationFilter(credentials, people), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/ingest/**")
                        .hasRole(Credentials.Role.GATEWAY.name())
                        .requestMatchers("/admin/**")
                        .hasRole(Credentials.Role.OPERATOR.name())
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"vivacite\"");
                            problem(
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    request.getRequestURI()
                                            + " needs a valid token: send 'Authorization: Bearer <token>'");
                        })
                        .accessDeniedHandler((request, response, ex) -> problem(
                                response,
                                HttpStatus.FORBIDDEN,
                                request.getRequestURI() + " is not open to this token's holder")))
                .build();
    }

    /**
     * Browser tools on other sites (YASGUI and the like) may read the public endpoints: any origin,
     * no credentials. The ingest and admin paths get no CORS headers.
     */
    static org.springframework.web.cors.CorsConfigurationSource publicCors() {
        org.springframework.web.cors.CorsConfiguration open = new org.springframework.web.cors.CorsConfiguration();
        open.addAllowedOrigin("*");
        open.setAllowedMethods(java.util.List.of("GET", "POST", "HEAD", "OPTIONS"));
        open.addAllowedHeader("*");
        open.setMaxAge(3600L);
        org.springframework.web.cors.UrlBasedCorsConfigurationSource source =
                new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        // The SPARQL endpoint answers CORS itself (SparqlServlet), outside this filter chain.
        for (String path : new String[] {"/data", "/id/**", "/ontology"}) {
            source.registerCorsConfiguration(path, open);
        }
        return source;
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(
                response.getWriter(),
                Map.of("status", status.value(), "title", status.getReasonPhrase(), "detail", detail));
    }
}

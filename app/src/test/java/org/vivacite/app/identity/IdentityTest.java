package org.vivacite.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;

/**
 * People's identity on the real server over loopback, with the embedded OIDC provider: the pages'
 * login (authorization code with PKCE, then a session), bearer tokens from the token endpoint,
 * {@code /api/me}, the login's rate limit, CSRF, headers, and roles against operator paths. The
 * server listens at its base IRI (the provider's issuer), on a port found free first.
 */
@SpringBootTest(
        classes = {VivaciteServer.class, IdentityTest.TestEnrolments.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
class IdentityTest {

    static final String PASSWORD = "correct horse battery";
    static final Instant MOVED_IN = Instant.parse("2026-01-01T00:00:00Z");
    static final String DWELLING = "http://127.0.0.1/id/dwelling/d-1";

    @TempDir
    static Path data;

    static int port;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The one person enrolled: {@code ana}, in one dwelling since {@link #MOVED_IN}; in place of the
     * server's store of enrolments, which EnrolmentFlowTest drives.
     */
    @TestConfiguration
    static class TestEnrolments {
        @Bean
        @org.springframework.context.annotation.Primary
        Enrolments anaOnly() {
            return (subject, at) -> subject.equals("ana")
                    ? List.of(new Enrolments.Enrolment(subject, DWELLING, List.of("g"), MOVED_IN, null)).stream()
                            .filter(e -> e.activeAt(at))
                            .toList()
                    : List.of();
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        registry.add("vivacite.portal.identity.login.per-account", () -> 3);
    }

    @BeforeAll
    static void accounts(@Autowired Accounts accounts) {
        accounts.put("ana", "Ana Martin", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("bob", "Bob", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("olga", "Olga", Set.of(Role.OFFICIAL), PASSWORD);
        accounts.put("oscar", "Oscar", Set.of(Role.OFFICIAL), PASSWORD);
        accounts.put("otto", "Otto", Set.of(Role.OPERATOR), PASSWORD);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String issuer() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void pagesLogInByAuthorizationCodeWithPkceAndTheSessionOpensApiMe() throws Exception {
        Browser browser = new Browser();
        // a login starts at the OIDC client, which sends the browser to the provider with a PKCE challenge
        HttpResponse<String> start = browser.open(url("/oauth2/authorization/vivacite"), "Accept", "text/html");
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPath()).isEqualTo("/oauth2/authorize");
        assertThat(Browser.param(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(Browser.param(authorize, "code_challenge")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Browser.param(authorize, "client_id")).isEqualTo("vivacite-portal");
        // the provider asks the browser to log in at /login
        HttpResponse<String> loginPage = browser.get(authorize.toString(), "Accept", "text/html");
        assertThat(loginPage.uri().getPath()).isEqualTo("/login");
        assertThat(loginPage.body()).contains("name=\"password\"");
        assertThat(Http.get(url("/api/me")).statusCode()).isEqualTo(401);

        HttpResponse<String> landed = browser.logIn(url("/login"), "ana", PASSWORD);
        assertThat(landed.uri().getPath()).isNotEqualTo("/login");

        HttpResponse<String> me = browser.get(url("/api/me"), "Accept", "application/json");
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asText()).isEqualTo("ana");
        assertThat(body.path("name").asText()).isEqualTo("Ana Martin");
        assertThat(body.path("roles").toString()).isEqualTo("[\"citizen\"]");
        assertThat(body.path("dwellings")).hasSize(1);
        assertThat(body.path("dwellings").get(0).path("iri").asText()).isEqualTo(DWELLING);
        assertThat(Instant.parse(body.path("dwellings").get(0).path("from").asText()))
                .isEqualTo(MOVED_IN);
        assertThat(body.path("dwellings").get(0).has("until")).isTrue();
        assertThat(body.path("dwellings").get(0).path("until").isNull()).isTrue();

        // the session is the page's: a client without its cookie is not logged in
        assertThat(Http.get(url("/api/me")).statusCode()).isEqualTo(401);
    }

    @Test
    void aBearerTokenFromTheTokenEndpointOpensApiMeWithoutASession() throws Exception {
        Browser browser = new Browser();
        browser.logIn(url("/login"), "bob", PASSWORD);
        String token = browser.apiToken(issuer());

        HttpResponse<String> me = Http.get(url("/api/me"), "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asText()).isEqualTo("bob");
        assertThat(body.path("roles").toString()).isEqualTo("[\"citizen\"]");
        assertThat(body.path("dwellings")).isEmpty();
        // a token altered in its signature is refused
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(Http.get(url("/api/me"), "Authorization", "Bearer " + forged).statusCode())
                .isEqualTo(401);
    }

    @Test
    void apiMeWithoutASessionOrATokenIs401InJson() throws Exception {
        HttpResponse<String> none = Http.get(url("/api/me"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(none.body()).path("detail").asText()).startsWith("/api/me needs a login");
        assertThat(Http.get(url("/api/me"), "Authorization", "Bearer not-a-token")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRejectedAndTheAccountIsRateLimitedAfterItsAttempts() {
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = browser.logIn(url("/login"), "olga", "wrong password " + i);
            assertThat(wrong.uri().toString()).endsWith("/login?error");
            assertThat(wrong.body()).contains("mot de passe est incorrect");
        }
        assertThat(browser.get(url("/api/me")).statusCode()).isEqualTo(401);
        // the fourth attempt, even with the right password, is refused before it is checked
        HttpResponse<String> limited = new Browser().logIn(url("/login"), "olga", PASSWORD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        // another account from the same address may still log in
        Browser other = new Browser();
        other.logIn(url("/login"), "otto", PASSWORD);
        assertThat(other.get(url("/api/me")).statusCode()).isEqualTo(200);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        Browser browser = new Browser();
        browser.get(url("/login"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", "ana");
        form.put("password", PASSWORD);
        assertThat(browser.post(url("/login"), form, false).statusCode()).isEqualTo(403);
        assertThat(browser.get(url("/api/me")).statusCode()).isEqualTo(401);

        browser.logIn(url("/login"), "ana", PASSWORD);
        assertThat(browser.get(url("/api/me")).statusCode()).isEqualTo(200);
        assertThat(browser.post(url("/logout"), Map.of(), false).statusCode()).isEqualTo(403);
        assertThat(browser.get(url("/api/me")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = browser.get(url("/login"));
        assertThat(browser.post(url("/logout"), Map.of("_csrf", Browser.csrf(page.body())), true)
                        .uri()
                        .toString())
                .endsWith("/login?logout");
        assertThat(browser.get(url("/api/me")).statusCode()).isEqualTo(401);
    }

    @Test
    void theLoginPageHasTheSecurityHeadersNoInlineScriptAndNoHstsOverPlainHttp() {
        HttpResponse<String> page = Http.get(url("/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("script-src 'self';").contains("frame-ancestors 'none'"));
        assertThat(page.headers().allValues("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().allValues("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(page.body()).doesNotContain("<script");
        // the page's CSRF token lives in the session it starts
        assertThat(page.headers().allValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void anOfficialsTokenCannotCallOperatorPathsAndAnOperatorsCan() {
        Browser otto = new Browser();
        otto.logIn(url("/login"), "otto", PASSWORD);
        String operatorToken = otto.apiToken(issuer());
        assertThat(Http.get(url("/admin/stores"), "Authorization", "Bearer " + operatorToken)
                        .statusCode())
                .isEqualTo(200);
        Browser oscar = new Browser();
        oscar.logIn(url("/login"), "oscar", PASSWORD);
        String officialToken = oscar.apiToken(issuer());
        for (String path : List.of("/admin/stores", "/admin/meters", "/admin/deadletter")) {
            assertThat(Http.get(url(path), "Authorization", "Bearer " + officialToken)
                            .statusCode())
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(Http.get(url("/ingest/senml"), "Authorization", "Bearer " + operatorToken)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theOpenApiDescriptionDocumentsApiMeWithItsAnswers() throws Exception {
        HttpResponse<String> doc = Http.get(url("/api/openapi.json"));
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(doc.body()).path("paths").path("/api/me").path("get");
        assertThat(me.path("responses").has("200")).isTrue();
        assertThat(me.path("responses").has("401")).isTrue();
        assertThat(me.path("parameters")).isEmpty();
        assertThat(JSON.readTree(doc.body()).path("paths").fieldNames())
                .toIterable()
                .allSatisfy(p -> assertThat(p).startsWith("/api/"));
    }
}

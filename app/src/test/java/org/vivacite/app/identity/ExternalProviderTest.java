package org.vivacite.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;

/**
 * The platform configured with an external OIDC provider (discovery from its issuer, client id and
 * secret): here the embedded provider running as a separate server on another loopback port, a
 * real peer. Pages log in there and come back with a session; its bearer tokens open the API; the
 * platform serves no provider of its own.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
class ExternalProviderTest {

    static final String SECRET = "a secret shared with the city provider";
    static final String PASSWORD = "eve's long password";

    @TempDir
    static Path data;

    static int port;
    static int providerPort;
    static ConfigurableApplicationContext provider;

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = freePort();
        providerPort = freePort();
        Path providerData = Files.createDirectories(data.resolve("provider"));
        provider = new SpringApplicationBuilder(ProviderApplication.class)
                .run(
                        "--server.address=127.0.0.1",
                        "--server.port=" + providerPort,
                        // two servers on one host share cookies whatever their port: keep them apart
                        "--server.servlet.session.cookie.name=PROVIDER_SESSION",
                        "--vivacite.data=" + providerData,
                        "--vivacite.base-iri=http://127.0.0.1:" + providerPort + "/",
                        "--vivacite.portal.identity.clients[0].client-id=city-platform",
                        "--vivacite.portal.identity.clients[0].secret=" + SECRET,
                        "--vivacite.portal.identity.clients[0].redirect-uri=http://127.0.0.1:" + port
                                + "/login/oauth2/code/vivacite");
        provider.getBean(Accounts.class).put("eve", "Eve Durand", Set.of(Role.MANAGER), PASSWORD);

        Path platformData = Files.createDirectories(data.resolve("platform"));
        registry.add("vivacite.data", () -> platformData.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.port", () -> port);
        registry.add("vivacite.base-iri", () -> "http://127.0.0.1:" + port + "/");
        registry.add("vivacite.portal.identity.issuer-uri", () -> providerIssuer());
        registry.add("vivacite.portal.identity.client-id", () -> "city-platform");
        registry.add("vivacite.portal.identity.client-secret", () -> SECRET);
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String providerIssuer() {
        return "http://127.0.0.1:" + providerPort;
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void pagesLogInAtTheExternalProviderAndComeBackWithASessionThatOpensApiMe() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.open(url("/login"), "Accept", "text/html");
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> start = browser.open(
                url(URI.create(login.headers().firstValue("Location").orElseThrow())
                        .getPath()),
                "Accept",
                "text/html");
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPort()).isEqualTo(providerPort);
        assertThat(authorize.getPath()).isEqualTo("/oauth2/authorize");
        assertThat(Browser.param(authorize, "client_id")).isEqualTo("city-platform");
        assertThat(Browser.param(authorize, "code_challenge_method")).isEqualTo("S256");

        HttpResponse<String> providerLogin = browser.get(authorize.toString(), "Accept", "text/html");
        assertThat(providerLogin.uri().getPort()).isEqualTo(providerPort);
        HttpResponse<String> back = browser.logIn(providerLogin.uri().toString(), "eve", PASSWORD);
        assertThat(back.uri().getPort()).isEqualTo(port);

        HttpResponse<String> me = browser.get(url("/api/me"));
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asText()).isEqualTo("eve");
        assertThat(body.path("name").asText()).isEqualTo("Eve Durand");
        assertThat(body.path("roles").toString()).isEqualTo("[\"manager\"]");
        assertThat(body.path("dwellings")).isEmpty();
    }

    @Test
    void theExternalProvidersBearerTokensOpenApiMeAndThePlatformServesNoProviderOfItsOwn() throws Exception {
        Browser atProvider = new Browser();
        atProvider.logIn("http://127.0.0.1:" + providerPort + "/login", "eve", PASSWORD);
        String token = atProvider.apiToken(providerIssuer());

        HttpResponse<String> me = Http.get(url("/api/me"), "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("subject").asText()).isEqualTo("eve");
        assertThat(Http.get(url("/api/me")).statusCode()).isEqualTo(401);

        assertThat(Http.get(url("/.well-known/openid-configuration")).statusCode())
                .isEqualTo(404);
        assertThat(Http.get(url("/oauth2/jwks")).statusCode()).isEqualTo(404);
        assertThat(Http.get(url("/login")).body()).doesNotContain("name=\"password\"");
    }
}

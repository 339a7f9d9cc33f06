package org.vivacite.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ontology.Ontology;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/** The running server over real HTTP: health, metrics, and who may call what. */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests turn metrics export off unless asked
class ServerTest {

    @TempDir
    static Path data;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String operatorToken;
    private static String gatewayToken;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Autowired
    GraphNames graphs;

    @BeforeAll
    static void readGeneratedCredentials(@Autowired VivaciteProperties properties) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties.data().resolve("credentials"))) {
            p.load(r);
        }
        operatorToken = p.getProperty("operator-token");
        gatewayToken = p.getProperty("gateway-token.default");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void healthIsUpWithBothStoresAndRevealsNoDetail() throws Exception {
        HttpResponse<String> response = Http.get(url("/actuator/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode stores = health.path("components").path("stores").path("components");
        assertThat(stores.path("private").path("status").asText()).isEqualTo("UP");
        assertThat(stores.path("public").path("status").asText()).isEqualTo("UP");
        assertThat(response.body()).doesNotContain(data.toString());
    }

    @Test
    void prometheusExposesMetricsWithoutAToken() {
        Http.get(url("/actuator/health"));
        HttpResponse<String> response = Http.get(url("/actuator/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void adminRefusesRequestsWithoutTheOperatorToken() throws Exception {
        HttpResponse<String> none = Http.get(url("/admin/stores"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readTree(none.body()).path("detail").asText())
                .isEqualTo("/admin/stores needs a valid token: send 'Authorization: Bearer <token>'");
        assertThat(Http.get(url("/admin/stores"), "Authorization", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.get(url("/admin/stores"), "Authorization", "Bearer " + gatewayToken)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void adminReportsBothStoresToTheOperator() throws Exception {
        HttpResponse<String> response = Http.get(url("/admin/stores"), "Authorization", "Bearer " + operatorToken);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("private").path("kind").asText()).isEqualTo("lmdb");
        assertThat(report.path("public").path("kind").asText()).isEqualTo("tdb2");
        assertThat(report.path("public")
                        .path("graphs")
                        .path(graphs.vocabulary())
                        .asLong())
                .isEqualTo(Ontology.vocabulary().size());
    }

    @Test
    void ingestNeedsAGatewayToken() {
        assertThat(Http.get(url("/ingest/senml")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/ingest/senml"), "Authorization", "Bearer " + operatorToken)
                        .statusCode())
                .isEqualTo(403);
        // Authenticated: the request reaches the endpoint, which takes POST only.
        assertThat(Http.get(url("/ingest/senml"), "Authorization", "Bearer " + gatewayToken)
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void ingestTakesAPayloadThroughThePipelineAndKeepsWhatItCannotRead() {
        HttpResponse<String> response =
                Http.post(url("/ingest/senml"), "[]".getBytes(), "Authorization", "Bearer " + gatewayToken);
        // an empty pack: nothing to read, so 400, and it is kept
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"deadLetterId\"").contains("\"rejected\":1");
        assertThat(privateStore.statistics()).isEmpty();
    }

    @Test
    void vocabularyIsPublishedInThePublicStoreOnly() {
        assertThat(publicStore
                        .read(graphs.vocabulary())
                        .isIsomorphicWith(Ontology.vocabulary().getGraph()))
                .isTrue();
        assertThat(privateStore.statistics()).isEmpty();
    }

    @Test
    void thePublicStoreBeanRefusesPrivateGraphs() {
        var one = Ontology.read(Ontology.EXAMPLE_TERRITORY, "http://localhost:8080/")
                .getGraph();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> publicStore.add(graphs.privateGraph("anyone"), one))
                .hasMessageContaining("is a private graph and this is the public store");
        assertThat(publicStore.statistics().keySet()).noneMatch(graphs::isPrivate);
    }

    @Test
    void everythingIsKeptUnderTheDataDirectory() {
        assertThat(data.resolve("private")).isDirectory();
        assertThat(data.resolve("public")).isDirectory();
        assertThat(data.resolve("credentials")).isRegularFile();
    }
}

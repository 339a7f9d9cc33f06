package org.vivacite.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.opendata.aggregate.DemoTerritoryFixture;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * What a newcomer does after {@code serve}: publish ({@code POST /admin/publish}), open the
 * catalogue, download the annual consumption by district as CSV and Turtle, query the release.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenDataServerTest {

    private static final String TOKEN = "operator-token-for-open-data-tests";
    private static final String ANNUAL = "annual-consumption-by-district";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("vivacite.base-iri", () -> DemoTerritoryFixture.BASE);
        registry.add("vivacite.security.operator-token", () -> TOKEN);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    MeterDayRollups rollups;

    private static HttpResponse<String> published;

    /** Once for the class (one server): the city is written, then published. */
    @BeforeEach
    void cityThenPublish() {
        synchronized (OpenDataServerTest.class) {
            if (published == null) {
                DemoTerritoryFixture.writeInto(privateStore, rollups, LocalDate.now(IngestParts.ZONE));
                published = publish(); // a publication takes longer than Http's timeout allows
            }
        }
    }

    private HttpResponse<String> publish() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url("/admin/publish")))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .timeout(java.time.Duration.ofMinutes(5))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void publishingNeedsTheOperatorToken() {
        assertThat(Http.post(url("/admin/publish"), "").statusCode()).isEqualTo(401);
    }

    @Test
    void publishAnswersWithTheReleasesItMade() {
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("\"dataset\":\"" + ANNUAL + "\"", "\"catalog\":");
    }

    @Test
    void theCatalogueOpensInABrowserAndListsTheDownloads() {
        HttpResponse<String> html = Http.get(url("/catalog"), "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.body()).contains("/open-data/" + ANNUAL + "/", ANNUAL + ".csv", ANNUAL + ".ttl");
        HttpResponse<String> turtle = Http.get(url("/catalog"), "Accept", "text/turtle");
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(turtle.body(), Lang.TURTLE).parse(g);
        assertThat(g.size()).isGreaterThan(50);
    }

    @Test
    void theLatestAnnualCsvAndTurtleDownloadWithTheirChecksums() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (String file : new String[] {ANNUAL + ".csv", ANNUAL + ".ttl"}) {
            HttpResponse<byte[]> r = client.send(
                    HttpRequest.newBuilder(URI.create(url("/open-data/" + ANNUAL + "/latest/" + file)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.uri().getPath()).doesNotContain("latest"); // redirected to the release itself
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
            assertThat(r.headers().firstValue("ETag")).contains("\"" + sha + "\"");
            if (file.endsWith(".csv")) {
                String csv = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(csv.lines().findFirst().orElseThrow()).startsWith("area,area_code,area_label");
                assertThat(csv).contains("published");
            } else {
                Graph g = GraphFactory.createDefaultGraph();
                RDFParser.source(new ByteArrayInputStream(r.body()))
                        .lang(Lang.TURTLE)
                        .parse(g);
                assertThat(g.size()).isGreaterThan(100);
            }
        }
    }

    @Test
    void filesOutsideAReleaseAreNotServed() {
        assertThat(Http.get(url("/open-data/" + ANNUAL + "/latest/..%2F..%2Fcredentials"))
                        .statusCode())
                .isIn(400, 404);
        assertThat(Http.get(url("/open-data/no-such-dataset/latest/x.csv")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theReleaseIsInThePublicSparqlEndpoint() {
        String query =
                "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT (COUNT(?o) AS ?n) { GRAPH ?g { ?o a qb:Observation"
                        + " ; qb:dataSet ?ds } FILTER(STRSTARTS(STR(?g), \"" + DemoTerritoryFixture.BASE + "graph/open/"
                        + ANNUAL + "/\")) }";
        HttpResponse<String> r = Http.get(
                url("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)), "Accept", "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Integer.parseInt(
                        r.body().lines().skip(1).findFirst().orElseThrow().strip()))
                .isGreaterThan(10);
    }
}

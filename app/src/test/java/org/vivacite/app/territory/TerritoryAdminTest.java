package org.vivacite.app.territory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.cli.VivaciteCommand;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import picocli.CommandLine;

/**
 * {@code POST /admin/territory} over real HTTP while the server runs, and {@code vivacite territory
 * import}, which asks the server when it holds the stores; then the page of a real IRIS.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerritoryAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static String operator;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Autowired
    VivaciteProperties properties;

    @BeforeAll
    static void operatorToken(@Autowired VivaciteProperties properties) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties.data().resolve("credentials"))) {
            p.load(r);
        }
        operator = p.getProperty("operator-token");
    }

    static Path extract(String name) {
        try {
            return Path.of(
                    TerritoryAdminTest.class.getResource("/territory/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Posts the files as multipart; the status and body, whatever the status. */
    private Answer post(String token, Path... files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        for (Path f : files) {
            parts.add("file", new FileSystemResource(f));
        }
        return RestClient.create()
                .post()
                .uri(url("/admin/territory"))
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange((request, response) -> new Answer(
                        response.getStatusCode(), new String(response.getBody().readAllBytes())));
    }

    record Answer(HttpStatusCode status, String body) {}

    @Test
    void importsPostedFilesAndRefusesABadOneWithItsLine() throws Exception {
        Path cog = extract("communes_cog2026_extract.csv");
        Path epci = extract("epci_200040715_extract.csv");
        Path iris = extract("contours_iris_2020_extract_lambert93.geojson");
        assertThat(post(null, cog).status().value()).isEqualTo(401);

        Answer ok = post(operator, iris, epci, cog);

        assertThat(ok.status().value()).as(ok.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(ok.body());
        assertThat(report.path("counts").path("District").asInt()).isEqualTo(3);
        GraphNames graphs = new GraphNames(properties.baseIri());
        long triples = publicStore.read(graphs.territory()).size();
        assertThat(triples).isGreaterThan(30);

        Path bad = Files.writeString(
                data.resolve("communes_bad.csv"), Files.readString(cog).replace("COM,38421,", "COM,384210,"));
        Answer refused = post(operator, bad, epci, iris);

        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("detail").asText())
                .startsWith("communes_bad.csv, line 3: COM '384210' is not an INSEE commune code");
        assertThat(publicStore.read(graphs.territory()).size()).isEqualTo(triples);
        try (var left = Files.list(data.resolve("tmp"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("territory-")))
                    .as("uploads are deleted")
                    .isEmpty();
        }
    }

    @Test
    void theCommandAsksTheServerThatHoldsTheStores() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = VivaciteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute(
                "territory",
                "import",
                "--data",
                data.toString(),
                "--server",
                url("/"),
                extract("communes_cog2026_extract.csv").toString(),
                extract("epci_200040715_extract.csv").toString(),
                extract("contours_iris_2020_extract_lambert93.geojson").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("The server holds the stores: asking it to import");
        assertThat(JSON.readTree(out.toString()).path("counts").path("Commune").asInt())
                .isEqualTo(2);
    }

    @Test
    void thePageOfARealIrisShowsItsNameAndItsPolygon() throws Exception {
        Answer ok = post(
                operator,
                extract("communes_cog2026_extract.csv"),
                extract("epci_200040715_extract.csv"),
                extract("contours_iris_2020_extract_lambert93.geojson"));
        assertThat(ok.status().value()).as(ok.body()).isEqualTo(200);

        var page = org.vivacite.app.Http.get(url("/id/district/381850101"), "Accept", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Polygone</h1>")
                .contains("<svg class=\"map\"")
                .contains("aria-label=\"Map of Polygone\"")
                .contains("<path class=\"area\"")
                .doesNotContain("<script");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }
}

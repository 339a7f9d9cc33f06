package org.vivacite.app.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/** The public endpoint over real HTTP: the protocol, its formats and errors, and what it never shows. */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class SparqlEndpointTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIXES = "PREFIX vc: <https://w3id.org/vivacite/ontology#> "
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "PREFIX sosa: <http://www.w3.org/ns/sosa/> ";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.base-iri", () -> BASE);
        registry.add("vivacite.demo", () -> "true");
        registry.add("vivacite.demo-city.households", () -> "40");
        registry.add("vivacite.demo-city.history-days", () -> "1");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("privateStore")
    QuadStore privateStore;

    @Autowired
    GraphNames graphs;

    private String endpoint() {
        return "http://127.0.0.1:" + port + "/sparql";
    }

    @BeforeAll
    static void awaitTheDemoCity(@Autowired GraphNames started) throws Exception {
        Path state = data.resolve("demo/city.properties");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(state) && Files.readString(state).contains("loaded-until"))) {
            assertThat(System.nanoTime()).as("demo city loaded").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void answersSelectInEveryResultsFormat() throws Exception {
        String q = PREFIXES + "SELECT ?c ?label WHERE { ?c a vc:Commune ; rdfs:label ?label } ORDER BY ?label";
        HttpResponse<String> json = Sparql.query(endpoint(), q, "application/sparql-results+json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+json");
        JsonNode rows = JSON.readTree(json.body()).get("results").get("bindings");
        List<String> labels = new ArrayList<>();
        rows.forEach(r -> labels.add(r.get("label").get("value").asText()));
        assertThat(labels).containsExactly("Grenoble", "Saint-Martin-d'Hères", "Échirolles");

        HttpResponse<String> xml = Sparql.query(endpoint(), q, "application/sparql-results+xml");
        assertThat(xml.body()).contains("<sparql", "Grenoble");
        HttpResponse<String> csv = Sparql.query(endpoint(), q, "text/csv");
        assertThat(csv.body().lines().findFirst()).hasValue("c,label");
        HttpResponse<String> tsv = Sparql.query(endpoint(), q, "text/tab-separated-values");
        assertThat(tsv.body().lines().findFirst()).hasValue("?c\t?label");
        HttpResponse<String> plainJson = Sparql.query(endpoint(), q, "application/json");
        assertThat(plainJson.headers().firstValue("Content-Type").orElse(""))
                .as("what other engines ask for")
                .startsWith("application/sparql-results+json");
        HttpResponse<String> preferred =
                Sparql.query(endpoint(), q, "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1");
        assertThat(preferred.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/sparql-results+xml");
        HttpResponse<String> byParameter = Sparql.get(endpoint() + "?format=csv&query=" + Sparql.encode(q), "*/*");
        assertThat(byParameter.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    }

    @Test
    void answersAskConstructAndDescribeByEveryProtocolRoute() {
        String ask = PREFIXES + "ASK { <" + BASE + "id/commune/38185> a vc:Commune }";
        assertThat(Sparql.query(endpoint(), ask, "application/sparql-results+json")
                        .body())
                .contains("true");
        assertThat(Sparql.postForm(endpoint(), "query=" + Sparql.encode(ask), "application/sparql-results+json")
                        .body())
                .contains("true");
        assertThat(Sparql.postQuery(endpoint(), ask, "application/sparql-query", "application/sparql-results+json")
                        .body())
                .contains("true");

        String construct = PREFIXES + "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a vc:Commune ; rdfs:label ?l }";
        for (String[] type : new String[][] {
            {"text/turtle", "TTL"},
            {"application/n-triples", "NT"},
            {"application/ld+json", "JSONLD"},
            {"application/rdf+xml", "RDFXML"}
        }) {
            HttpResponse<String> r = Sparql.query(endpoint(), construct, type[0]);
            assertThat(r.statusCode()).as(type[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(type[0]);
            assertThat(parse(r.body(), type[1]).size()).as(type[0]).isEqualTo(3);
        }
        HttpResponse<String> describe =
                Sparql.query(endpoint(), "DESCRIBE <" + BASE + "id/commune/38185>", "text/turtle");
        assertThat(parse(describe.body(), "TTL").size()).isGreaterThan(3);
    }

    @Test
    void aSyntaxErrorIsA400WithTheParsersMessageAndUpdatesAreRefused() {
        HttpResponse<String> bad = Sparql.query(endpoint(), "SELECT * WHERE { ?s ?p }", "*/*");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("does not parse", "line 1");
        HttpResponse<String> update =
                Sparql.postQuery(endpoint(), "INSERT DATA { <a:b> <a:c> <a:d> }", "application/sparql-update", "*/*");
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.body()).contains("updates are refused");
        assertThat(Sparql.postForm(endpoint(), "update=" + Sparql.encode("CLEAR ALL"), "*/*")
                        .statusCode())
                .isEqualTo(400);
        assertThat(Sparql.postQuery(endpoint(), "ASK {}", "text/plain", "*/*").statusCode())
                .isEqualTo(415);
        assertThat(Sparql.query(endpoint(), "ASK {}", "image/png").statusCode()).isEqualTo(406);
    }

    @Test
    void withoutAQueryItDescribesItselfOrShowsTheQueryPageToBrowsers() throws Exception {
        HttpResponse<String> sd = Sparql.get(endpoint(), "text/turtle");
        assertThat(sd.statusCode()).isEqualTo(200);
        Graph description = parse(sd.body(), "TTL");
        assertThat(description.find().toList().toString())
                .contains("http://www.w3.org/ns/sparql-service-description#Service")
                .contains(BASE + "sparql")
                .contains(graphs.territory());
        HttpResponse<String> page = Sparql.get(endpoint(), "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<textarea", "Download", "<script src=\"/assets/sparql-page.js\">");
        assertThat(Sparql.get("http://127.0.0.1:" + port + "/assets/sparql-page.js", "*/*")
                        .body())
                .as("the examples")
                .contains("GeoSPARQL", "Federated");
        HttpResponse<String> voidDescription =
                Sparql.get("http://127.0.0.1:" + port + "/.well-known/void", "text/turtle");
        assertThat(parse(voidDescription.body(), "TTL").find().toList().toString())
                .contains("http://rdfs.org/ns/void#Dataset", graphs.territory());
    }

    @Test
    void textSearchAndGeosparqlWorkInPublicQueries() throws Exception {
        String text = PREFIXES + "PREFIX text: <http://jena.apache.org/text#> "
                + "SELECT ?place ?label WHERE { (?place ?score) text:query (rdfs:label \"ecole\") . ?place rdfs:label ?label }";
        HttpResponse<String> found = Sparql.query(endpoint(), text, "application/sparql-results+json");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(found.body()).get("results").get("bindings");
        assertThat(rows.size()).isPositive();
        rows.forEach(r -> assertThat(r.get("label").get("value").asText()).startsWith("École"));

        String within = PREFIXES + "PREFIX geo: <http://www.opengis.net/ont/geosparql#> "
                + "PREFIX geof: <http://www.opengis.net/def/function/geosparql/> "
                + "SELECT ?commune (COUNT(?b) AS ?n) WHERE { ?c a vc:Commune ; rdfs:label ?commune ; geo:hasGeometry/geo:asWKT ?area . "
                + "?b a <https://saref.etsi.org/saref4bldg/Building> ; geo:hasGeometry/geo:asWKT ?footprint . "
                + "FILTER (geof:sfWithin(?footprint, ?area)) } GROUP BY ?commune ORDER BY ?commune";
        HttpResponse<String> inside = Sparql.query(endpoint(), within, "text/csv");
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(200);
        assertThat(inside.body().lines().skip(1).toList())
                .hasSize(3)
                .allSatisfy(line -> assertThat(Integer.parseInt(
                                line.substring(line.lastIndexOf(',') + 1).strip()))
                        .isPositive());
    }

    @Test
    void everyQueryIsTimedByStatusForOperators() {
        Sparql.query(endpoint(), "ASK {}", "application/sparql-results+json");
        Sparql.query(endpoint(), "ASK {", "application/sparql-results+json");
        String metrics = org.vivacite.app.Http.get("http://127.0.0.1:" + port + "/actuator/prometheus")
                .body();
        assertThat(metrics)
                .containsPattern("vivacite_sparql_queries_seconds_count\\{[^}]*status=\"200\"[^}]*\\} [1-9]")
                .containsPattern("vivacite_sparql_queries_seconds_count\\{[^}]*status=\"400\"[^}]*\\} [1-9]");
    }

    @Test
    void browserToolsOnOtherSitesMayCallIt() {
        HttpResponse<String> preflight =
                Sparql.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint()))
                        .header("Origin", "https://yasgui.example")
                        .header("Access-Control-Request-Method", "POST")
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        HttpResponse<String> query = Sparql.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(endpoint() + "?query=" + Sparql.encode("ASK {}")))
                .header("Origin", "https://yasgui.example"));
        assertThat(query.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void everyPublicAnswerForbidsFramingAndSniffingAndInlineScripts() {
        String server = "http://127.0.0.1:" + port;
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        answers.put(endpoint(), "text/html");
        answers.put(endpoint() + "?query=" + Sparql.encode("ASK {}"), "application/sparql-results+json");
        answers.put(server + "/.well-known/void", "text/turtle");
        answers.put(server + "/id/commune/38185", "text/html");
        answers.put(server + "/ontology", "text/html");
        answers.put(server + "/data?graph=" + Sparql.encode(graphs.territory()), "text/turtle");
        answers.put(server + "/actuator/health", "application/json");
        answers.forEach((url, accept) -> {
            HttpResponse<String> r = Sparql.get(url, accept);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(url).containsExactly("nosniff");
            assertThat(r.headers().allValues("X-Frame-Options")).as(url).containsExactly("DENY");
            List<String> policy = r.headers().allValues("Content-Security-Policy");
            assertThat(policy).as(url).hasSize(1);
            assertThat(directive(policy.get(0), "script-src")).as(url).isEqualTo("script-src 'self'");
            assertThat(directive(policy.get(0), "frame-ancestors")).as(url).isEqualTo("frame-ancestors 'none'");
            assertThat(directive(policy.get(0), "default-src")).as(url).isEqualTo("default-src 'self'");
        });
    }

    /** One directive of a Content-Security-Policy, as written. */
    private static String directive(String policy, String name) {
        return java.util.Arrays.stream(policy.split(";"))
                .map(String::strip)
                .filter(d -> d.startsWith(name + " "))
                .findFirst()
                .orElse("");
    }

    @Test
    void theQueryPageRunsItsScriptFromAFileThatLinksOnlyWebIris() {
        String server = "http://127.0.0.1:" + port;
        // Resource pages draw their map as inline SVG and run no script at all (LinkedDataTest).
        assertThat(Sparql.get(server + "/id/commune/38185", "text/html").body()).doesNotContain("<script");
        for (String page : List.of(endpoint())) {
            String html = Sparql.get(page, "text/html").body();
            java.util.regex.Matcher scripts =
                    java.util.regex.Pattern.compile("<script([^>]*)>").matcher(html);
            int found = 0;
            while (scripts.find()) {
                String attributes = scripts.group(1);
                found++;
                assertThat(attributes)
                        .as(page + ": every script is a file or data, never inline code")
                        .containsAnyOf(" src=\"", "type=\"application/json\"");
                if (attributes.contains(" src=\"")) {
                    String src = attributes.replaceAll(".* src=\"([^\"]+)\".*", "$1");
                    HttpResponse<String> script = Sparql.get(server + src, "*/*");
                    assertThat(script.statusCode()).as(src).isEqualTo(200);
                    assertThat(script.headers().firstValue("Content-Type").orElse(""))
                            .as(src)
                            .contains("javascript");
                }
            }
            assertThat(found).as(page).isPositive();
        }
        String html = Sparql.get(endpoint(), "text/html").body();
        String src = html.replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
        String script = Sparql.get(server + src, "*/*").body();
        assertThat(script)
                .as("results link an IRI only when it is http(s): never javascript: or data:")
                .contains("/^https?:/i.test(term.value)");
    }

    @Test
    void publicQueriesLoadNoClassTheyName() {
        HttpResponse<String> r = Sparql.query(
                endpoint(),
                "ASK { FILTER(<java:org.apache.jena.sparql.function.library.FN_StrUpperCase>(\"a\") = \"A\") }",
                "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("false").doesNotContain("true");
    }

    @Test
    void noQueryReachesAPrivateTripleWhateverItSays() {
        List<String> privateGraphs = privateStore.statistics().keySet().stream()
                .filter(graphs::isPrivate)
                .limit(3)
                .toList();
        assertThat(privateGraphs).hasSize(3);
        var row = privateStore
                .select(
                        "SELECT ?d ?g WHERE { GRAPH ?g { ?d a <https://w3id.org/vivacite/ontology#Dwelling> } } LIMIT 1")
                .rows()
                .get(0);
        String someGraph = row.get("g").getURI();
        String dwelling = row.get("d").getURI();
        List<String> attacks = List.of(
                "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                "SELECT * WHERE { GRAPH <" + someGraph + "> { ?s ?p ?o } }",
                "SELECT * FROM <" + someGraph + "> WHERE { ?s ?p ?o }",
                "SELECT * FROM NAMED <" + someGraph + "> WHERE { GRAPH ?g { ?s ?p ?o } }",
                PREFIXES + "SELECT * WHERE { ?o a sosa:Observation }",
                PREFIXES + "SELECT * WHERE { ?d a vc:Dwelling }",
                "SELECT * WHERE { <" + dwelling + "> ?p ?o }",
                "SELECT * WHERE { ?s ?p <" + dwelling + "> }",
                // One or more steps: a zero-length path would only echo the query's own IRI.
                "SELECT * WHERE { <" + dwelling + "> (<http://x/>|!<http://x/>)+ ?o }",
                "SELECT * WHERE { ?s (<http://x/>|!<http://x/>)+ <" + dwelling + "> }");
        for (String attack : attacks) {
            HttpResponse<String> r = Sparql.query(endpoint(), attack, "application/sparql-results+json");
            assertThat(r.statusCode()).as(attack).isEqualTo(200);
            assertThat(r.body()).as(attack).doesNotContain("/graph/private/", "/dwelling/", "/meter/", "/obs/");
        }
        HttpResponse<String> withProtocolGraphs = Sparql.get(
                endpoint() + "?query=" + Sparql.encode("SELECT * WHERE { ?s ?p ?o }") + "&default-graph-uri="
                        + Sparql.encode(someGraph) + "&named-graph-uri=" + Sparql.encode(privateGraphs.get(1)),
                "application/sparql-results+json");
        assertThat(withProtocolGraphs.statusCode()).isEqualTo(200);
        assertThat(bindings(withProtocolGraphs.body()))
                .as("private graphs named by the protocol")
                .isZero();
        HttpResponse<String> describe =
                Sparql.query(endpoint(), "DESCRIBE <" + dwelling + ">", "application/n-triples");
        assertThat(describe.body().strip()).isEmpty();
        HttpResponse<String> service = Sparql.query(
                endpoint(),
                "SELECT * WHERE { SERVICE <" + endpoint() + "> { ?s ?p ?o } }",
                "application/sparql-results+json");
        assertThat(service.statusCode()).isEqualTo(400);
        assertThat(service.body()).contains("allow-list");
    }

    private static int bindings(String json) {
        try {
            return JSON.readTree(json).get("results").get("bindings").size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Graph parse(String body, String lang) {
        Graph g = GraphFactory.createDefaultGraph();
        Lang l = switch (lang) {
            case "NT" -> Lang.NTRIPLES;
            case "JSONLD" -> Lang.JSONLD;
            case "RDFXML" -> Lang.RDFXML;
            default -> Lang.TURTLE;
        };
        RDFParser.fromString(body, l).parse(g);
        return g;
    }
}

package org.vivacite.app.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ontology.Ontology;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * Linked data over real HTTP, against the demo city: dereferencing {@code /id/…}, the ontology at
 * {@code /ontology}, and the read-only Graph Store Protocol at {@code /data}. IRIs are minted under
 * {@code http://localhost:8080/} while the server listens on a random port: they are dereferenced by
 * path.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkedDataTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String COMMUNE = BASE + "id/commune/38185";
    private static final String BUILDING = BASE + "id/building/EX4MP1E2B1DG";
    private static final String BROWSER =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final Node AS_WKT = NodeFactory.createURI("http://www.opengis.net/ont/geosparql#asWKT");
    private static final Node HAS_GEOMETRY = NodeFactory.createURI("http://www.opengis.net/ont/geosparql#hasGeometry");
    private static final Map<String, Lang> FORMATS = Map.of(
            "text/turtle", Lang.TURTLE,
            "application/ld+json", Lang.JSONLD,
            "application/n-triples", Lang.NTRIPLES,
            "application/rdf+xml", Lang.RDFXML);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("vivacite.demo", () -> "true");
        registry.add("vivacite.demo-city.households", () -> "40");
        registry.add("vivacite.demo-city.history-days", () -> "1");
        registry.add("vivacite.base-iri", () -> BASE);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    GraphNames graphs;

    private HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    private static String path(String iri) {
        return iri.substring(BASE.length() - 1);
    }

    private static String encoded(String iri) {
        return URLEncoder.encode(iri, StandardCharsets.UTF_8);
    }

    private static Graph parse(HttpResponse<String> response, Lang lang) {
        return RDFParser.fromString(response.body(), lang).base(BASE).toGraph();
    }

    /** What the public store says with the IRI as subject. */
    private Graph triplesAbout(String iri) {
        return publicStore.construct("CONSTRUCT { <" + iri + "> ?p ?o } WHERE { <" + iri + "> ?p ?o }");
    }

    /** Headers that must not differ between two answers (all but the date). */
    private static Map<String, List<String>> comparable(HttpHeaders headers) {
        Map<String, List<String>> map = new TreeMap<>(headers.map());
        map.remove("date");
        return map;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"})
    void describesACommuneInEachRdfFormatWithItsGeometry(String mediaType) {
        HttpResponse<String> response = get(path(COMMUNE), "Accept", mediaType);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(mediaType));
        Graph described = parse(response, FORMATS.get(mediaType));
        Graph expected = triplesAbout(COMMUNE);
        assertThat(expected.size()).isGreaterThan(3);
        expected.find()
                .forEach(t -> assertThat(described.contains(t)).as("%s", t).isTrue());
        Node geometry = described
                .find(NodeFactory.createURI(COMMUNE), HAS_GEOMETRY, Node.ANY)
                .next()
                .getObject();
        assertThat(described.find(geometry, AS_WKT, Node.ANY).toList())
                .singleElement()
                .satisfies(
                        t -> assertThat(t.getObject().getLiteralLexicalForm()).matches("POLYGON ?\\(\\(.*\\)\\)"));
    }

    @Test
    void describesTheWorkedExamplesBuildingWithItsLinkedLabels() {
        Graph described = parse(get(path(BUILDING), "Accept", "text/turtle"), Lang.TURTLE);

        Graph expected = Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph();
        Node building = NodeFactory.createURI(BUILDING);
        Node geometry = NodeFactory.createURI(BUILDING + "/geometry");
        Node street = NodeFactory.createURI(BASE + "id/street/38185_x001");
        expected.find(building, Node.ANY, Node.ANY)
                .forEach(t -> assertThat(described.contains(t)).as("%s", t).isTrue());
        expected.find(geometry, Node.ANY, Node.ANY)
                .forEach(t -> assertThat(described.contains(t)).as("%s", t).isTrue());
        assertThat(described.contains(
                        street, RDFS.label.asNode(), NodeFactory.createLiteralLang("Rue de l'Exemple", "fr")))
                .isTrue();
        // Nothing else about the street: only its label, for pages to show.
        assertThat(described.find(street, Node.ANY, Node.ANY).toList()).hasSize(1);
    }

    @Test
    void pagesLinkToEveryRdfFormatAndTheFormatParameterGivesIt() {
        HttpResponse<String> page = get(path(COMMUNE), "Accept", "text/html");
        for (String format : new String[] {"ttl", "jsonld", "nt", "rdfxml"}) {
            assertThat(page.body()).contains(path(COMMUNE) + "?format=" + format);
        }
        HttpResponse<String> nt = get(path(COMMUNE) + "?format=nt", "Accept", "text/html");
        assertThat(nt.headers().firstValue("Content-Type").orElse("")).startsWith("application/n-triples");
        assertThat(parse(nt, Lang.NTRIPLES).size()).isPositive();
        assertThat(get("/ontology", "Accept", "text/html").body()).contains("/ontology?format=ttl");
        assertThat(get(path(COMMUNE) + "?format=png").statusCode()).isEqualTo(406);
    }

    @Test
    void givesTurtleForAnyTypeAndNoAccept() {
        HttpResponse<String> any = get(path(COMMUNE), "Accept", "*/*");
        HttpResponse<String> none = get(path(COMMUNE));

        assertThat(any.headers().firstValue("Content-Type")).hasValue("text/turtle;charset=UTF-8");
        assertThat(none.headers().firstValue("Content-Type")).hasValue("text/turtle;charset=UTF-8");
        assertThat(parse(none, Lang.TURTLE).isIsomorphicWith(parse(any, Lang.TURTLE)))
                .isTrue();
    }

    @Test
    void saysItVariesByAcceptAndLinksToTheOtherFormats() {
        HttpResponse<String> response = get(path(COMMUNE), "Accept", "text/turtle");

        assertThat(response.headers().allValues("Vary")).contains("Accept");
        assertThat(String.join(",", response.headers().allValues("Link")))
                .contains("</id/commune/38185>; rel=\"alternate\"; type=\"application/ld+json\"")
                .contains("</id/commune/38185>; rel=\"alternate\"; type=\"application/rdf+xml\"");
    }

    @Test
    void answersHeadWithTheHeadersOfGetAndNoBody() {
        HttpResponse<String> get = get(path(COMMUNE), "Accept", "application/n-triples");
        HttpResponse<String> head = send("HEAD", path(COMMUNE), "Accept", "application/n-triples");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.headers().firstValue("Content-Length"))
                .as("streamed: a length only when GET gives one too")
                .isEqualTo(get.headers().firstValue("Content-Length"));
    }

    @Test
    void showsBrowsersAPageWithLabelLinksAndAnInlineSvgMap() {
        HttpResponse<String> response = get(path(BUILDING), "Accept", BROWSER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(response.body())
                .contains("<title>12 rue de l&#39;Exemple</title>")
                .contains("<h1>12 rue de l&#39;Exemple</h1>")
                .contains("<a href=\"/id/street/38185_x001\" title=\"" + BASE + "id/street/38185_x001\">"
                        + "Rue de l&#39;Exemple</a>")
                .contains("href=\"/id/building/EX4MP1E2B1DG/geometry\"")
                .contains("title=\"https://w3id.org/vivacite/ontology#residential\">residential</a>")
                .contains("<svg class=\"map\"")
                .contains("<path class=\"area\"")
                .doesNotContain("<script")
                .doesNotContain("https://unpkg")
                .doesNotContain("tile.openstreetmap");
    }

    @Test
    void followsLinksFromPageToPage() {
        String page = get(path(BUILDING), "Accept", "text/html").body();
        assertThat(page).contains("href=\"/id/street/38185_x001\"");

        HttpResponse<String> street = get("/id/street/38185_x001", "Accept", "text/html");
        assertThat(street.statusCode()).isEqualTo(200);
        assertThat(street.body())
                .contains("<h1>Rue de l&#39;Exemple</h1>")
                .contains("href=\"/id/district/381859901\"")
                .contains("<path class=\"line\"");
    }

    @Test
    void answersAnUnknownAndAPrivateLookingIriAlike() {
        String pseudonym = "3f9a1c0e5b7d2a64";
        assertThat(privateStore.ask("ASK { <" + BASE + "dwelling/" + pseudonym + "> ?p ?o }"))
                .as("the premise: the dwelling exists, in the private store")
                .isTrue();

        HttpResponse<String> unknown = get("/id/dwelling/0000000000000000", "Accept", "text/turtle");
        HttpResponse<String> privateLooking = get("/id/dwelling/" + pseudonym, "Accept", "text/turtle");
        HttpResponse<String> nothing = get("/id/nothing/here", "Accept", "text/turtle");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("no public resource at this IRI\n");
        for (HttpResponse<String> other : List.of(privateLooking, nothing)) {
            assertThat(other.statusCode()).isEqualTo(unknown.statusCode());
            assertThat(other.body()).isEqualTo(unknown.body());
            assertThat(comparable(other.headers())).isEqualTo(comparable(unknown.headers()));
        }
        HttpResponse<String> html = get("/id/dwelling/" + pseudonym, "Accept", BROWSER);
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.body()).isEqualTo(unknown.body());
    }

    @Test
    void servesNoPrivateIriOutsideId() {
        assertThat(get("/dwelling/3f9a1c0e5b7d2a64", "Accept", "text/turtle").statusCode())
                .isEqualTo(404);
        assertThat(get("/meter/b7e24d19a0c3f5e8", "Accept", "text/turtle").statusCode())
                .isEqualTo(404);
        assertThat(get("/obs/b7e24d19a0c3f5e8/waterVolume/2026-01-15T00:00:00Z").statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesATypeItCannotServeNamingThoseItCan() {
        for (String path : List.of(path(COMMUNE), "/id/nothing/here", "/ontology")) {
            HttpResponse<String> response = get(path, "Accept", "image/png");
            assertThat(response.statusCode()).as(path).isEqualTo(406);
            assertThat(response.body())
                    .contains("text/turtle")
                    .contains("text/html")
                    .contains("application/ld+json")
                    .contains("application/n-triples")
                    .contains("application/rdf+xml");
        }
        HttpResponse<String> data = get("/data?default", "Accept", "text/html");
        assertThat(data.statusCode()).isEqualTo(406);
        assertThat(data.body()).contains("text/turtle").doesNotContain("text/html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"})
    void servesTheOntologyInEachRdfFormat(String mediaType) {
        HttpResponse<String> response = get("/ontology", "Accept", mediaType);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parse(response, FORMATS.get(mediaType))
                        .isIsomorphicWith(Ontology.vocabulary().getGraph()))
                .isTrue();
    }

    @Test
    void showsTheOntologyToBrowsersWithAnAnchorPerTerm() {
        HttpResponse<String> response = get("/ontology", "Accept", BROWSER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(response.body())
                .contains("<section class=\"term\" id=\"Dwelling\">")
                .contains("<a href=\"#Dwelling\">vc:Dwelling</a>")
                .contains("id=\"waterVolume\"")
                .contains(">Classes</h2>")
                .contains(">Properties</h2>")
                .contains(">Individuals</h2>");
    }

    @Test
    void graphStoreServesOnePublicGraph() {
        for (Map.Entry<String, Lang> format : FORMATS.entrySet()) {
            HttpResponse<String> response =
                    get("/data?graph=" + encoded(graphs.territory()), "Accept", format.getKey());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith(format.getKey()));
            assertThat(parse(response, format.getValue()).isIsomorphicWith(publicStore.read(graphs.territory())))
                    .as(format.getKey())
                    .isTrue();
        }
    }

    @Test
    void graphStoreServesTheUnionOfPublicGraphsAsTheDefaultGraph() {
        HttpResponse<String> response = get("/data?default", "Accept", "application/n-triples");

        assertThat(response.statusCode()).isEqualTo(200);
        Graph union = parse(response, Lang.NTRIPLES);
        Graph expected = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        publicStore
                .statistics()
                .keySet()
                .forEach(g -> publicStore.read(g).find().forEach(expected::add));
        assertThat(union.isIsomorphicWith(expected)).isTrue();
        assertThat(publicStore.statistics()).containsKeys(graphs.vocabulary(), graphs.territory());
        assertThat(get("/data?default=", "Accept", "text/turtle").statusCode()).isEqualTo(200);
    }

    @Test
    void graphStoreAnswersHeadWithoutABody() {
        String path = "/data?graph=" + encoded(graphs.vocabulary());
        HttpResponse<String> get = get(path, "Accept", "text/turtle");
        HttpResponse<String> head = send("HEAD", path, "Accept", "text/turtle");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.headers().firstValue("Content-Length"))
                .as("streamed: a length only when GET gives one too")
                .isEqualTo(get.headers().firstValue("Content-Length"));
        assertThat(send("HEAD", "/data?graph=" + encoded(BASE + "graph/none")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void graphStoreAnswersAMissingAndAPrivateGraphAlike() {
        String privateGraph = graphs.privateGraph("3f9a1c0e5b7d2a64");
        assertThat(privateStore.statistics()).as("the premise").containsKey(privateGraph);

        HttpResponse<String> missing = get("/data?graph=" + encoded(BASE + "graph/none"), "Accept", "text/turtle");
        HttpResponse<String> hidden = get("/data?graph=" + encoded(privateGraph), "Accept", "text/turtle");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("no public graph with this IRI\n");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(comparable(hidden.headers())).isEqualTo(comparable(missing.headers()));
        HttpResponse<String> injected =
                get("/data?graph=" + encoded(graphs.vocabulary() + "> { ?s ?p ?o } } #"), "Accept", "text/turtle");
        assertThat(injected.statusCode()).isEqualTo(404);
        assertThat(injected.body()).isEqualTo(missing.body());
    }

    @Test
    void graphStoreWantsExactlyOneOfGraphAndDefault() {
        for (String query : List.of("", "?graph=" + encoded(graphs.territory()) + "&default", "?other=1")) {
            HttpResponse<String> response = get("/data" + query, "Accept", "text/turtle");
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).contains("'graph'").contains("'default'");
        }
        assertThat(get("/data?graph=", "Accept", "text/turtle").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "POST", "DELETE", "PATCH"})
    void graphStoreIsReadOnly(String method) {
        HttpResponse<String> response = send(method, "/data?graph=" + encoded(graphs.territory()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(response.body()).contains("read-only");
        assertThat(publicStore.statistics()).containsKey(graphs.territory());
    }

    @Test
    void graphStoreOptionsListsTheReadMethods() {
        HttpResponse<String> response = send("OPTIONS", "/data");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    }
}

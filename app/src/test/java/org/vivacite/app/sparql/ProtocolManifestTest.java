package org.vivacite.app.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.triplestore.QuadStore;

/**
 * The W3C SPARQL 1.1 Protocol test manifest (test resources {@code w3c/protocol}), run request by
 * request against the real server. Every query-side test applies and must pass; the seven tests of
 * successful updates do not apply, since the public endpoint refuses updates by design (the
 * tests of refused updates do apply, and pass).
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtocolManifestTest {

    private static final String MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private static final String HT = "http://www.w3.org/2011/http#";
    private static final String CNT = "http://www.w3.org/2011/content#";
    private static final String UT = "http://www.w3.org/2009/sparql/tests/test-update#";
    private static final String HTS = "http://www.w3.org/2011/http-statusCodes#";
    private static final Path FOLDER = Path.of("src/test/resources/w3c/protocol");

    /** The tests of successful updates, which this query-only endpoint refuses by design. */
    static final Set<String> NOT_APPLICABLE = Set.of(
            "update_dataset_default_graph",
            "update_dataset_default_graphs",
            "update_dataset_named_graphs",
            "update_dataset_full",
            "update_post_form",
            "update_post_direct",
            "update_base_uri");

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    private static Model manifest;

    @BeforeAll
    static void loadTheManifestAndItsGraphs(@Autowired @Qualifier("publicStore") QuadStore publicStore) {
        manifest = RDFDataMgr.loadModel(FOLDER.resolve("manifest.ttl").toString());
        Map<String, String> graphs = new TreeMap<>();
        manifest.listObjectsOfProperty(manifest.createProperty(UT, "graphData")).forEach(d -> {
            Resource data = d.asResource();
            String file = data.getPropertyResourceValue(manifest.createProperty(UT, "graph"))
                    .getURI();
            graphs.put(data.getProperty(RDFS.label).getString(), file.substring(file.lastIndexOf('/') + 1));
        });
        assertThat(graphs).hasSize(3);
        graphs.forEach((name, file) -> {
            Graph g = GraphFactory.createDefaultGraph();
            RDFDataMgr.read(g, FOLDER.resolve(file).toString(), Lang.NTRIPLES);
            publicStore.replace(name, g);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyQuerySideTestOfTheW3cManifestPasses() {
        Resource root = manifest.listSubjectsWithProperty(manifest.createProperty(MF, "entries"))
                .next();
        List<RDFNode> entries = root.getPropertyResourceValue(manifest.createProperty(MF, "entries"))
                .as(RDFList.class)
                .asJavaList();
        assertThat(entries).hasSize(34);
        List<DynamicTest> tests = new ArrayList<>();
        for (RDFNode entry : entries) {
            Resource test = entry.asResource();
            String id = test.getLocalName();
            if (NOT_APPLICABLE.contains(id)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(id, () -> run(test)));
        }
        assertThat(tests).hasSize(27);
        return tests.stream();
    }

    private void run(Resource test) {
        Resource action = test.getPropertyResourceValue(p(MF, "action"));
        List<RDFNode> requests = action.getPropertyResourceValue(p(HT, "requests"))
                .as(RDFList.class)
                .asJavaList();
        for (RDFNode node : requests) {
            Resource request = node.asResource();
            String path = request.getProperty(p(HT, "absolutePath")).getString();
            String method = request.getProperty(p(HT, "methodName")).getString();
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            Resource headers = request.getPropertyResourceValue(p(HT, "headers"));
            if (headers != null) {
                for (RDFNode h : headers.as(RDFList.class).asJavaList()) {
                    Resource header = h.asResource();
                    http.header(
                            header.getProperty(p(HT, "fieldName")).getString(),
                            header.getProperty(p(HT, "fieldValue")).getString());
                }
            }
            Resource body = request.getPropertyResourceValue(p(HT, "body"));
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                            body.getProperty(p(CNT, "chars")).getString());
            http.method(method, publisher);
            HttpResponse<String> response = Sparql.send(http);

            Resource expected = request.getPropertyResourceValue(p(HT, "resp"));
            List<String> statuses = new ArrayList<>();
            expected.listProperties(p(MF, "expectedStatus"))
                    .forEach(s -> statuses.add(s.getResource().getURI().substring(HTS.length())));
            String actual = "StatusCode" + response.statusCode() / 100 + "xx";
            assertThat(statuses)
                    .as("%s %s: status %d, body %s", method, path, response.statusCode(), response.body())
                    .contains(actual);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (expected.hasProperty(p(MF, "expectedFormat"))) {
                String format = expected.getProperty(p(MF, "expectedFormat")).getString();
                switch (format) {
                    case "boolean" ->
                        assertThat(contentType).containsAnyOf("sparql-results+json", "sparql-results+xml");
                    case "tabular" ->
                        assertThat(contentType)
                                .containsAnyOf(
                                        "sparql-results+json",
                                        "sparql-results+xml",
                                        "text/csv",
                                        "text/tab-separated-values");
                    case "RDF" -> {
                        assertThat(contentType)
                                .containsAnyOf("text/turtle", "application/rdf+xml", "application/n-triples");
                        Lang lang = contentType.contains("rdf+xml")
                                ? Lang.RDFXML
                                : contentType.contains("n-triples") ? Lang.NTRIPLES : Lang.TURTLE;
                        RDFParser.fromString(response.body(), lang).parse(GraphFactory.createDefaultGraph());
                    }
                    default -> throw new AssertionError("unknown expected format " + format);
                }
            }
            if (expected.hasProperty(p(MF, "expectedBoolean"))) {
                boolean value = expected.getProperty(p(MF, "expectedBoolean")).getBoolean();
                assertThat(response.body().replaceAll("\\s", ""))
                        .containsAnyOf("\"boolean\":" + value, "<boolean>" + value + "</boolean>");
            }
        }
    }

    private static Property p(String ns, String local) {
        return manifest.createProperty(ns, local);
    }
}

package org.vivacite.app.sparql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;

/**
 * Federation both ways with a real partner: a Fuseki server, started in-process, holding a partner
 * city's districts in the same vocabulary. Our endpoint joins our districts with the partner's
 * through SERVICE (the partner is on the allow-list); the partner's Fuseki queries our /sparql
 * through its own SERVICE, as other engines do.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SparqlFederationTest {

    private static final String VC = "https://w3id.org/vivacite/ontology#";
    private static final String PREFIXES = "PREFIX vc: <" + VC + "> PREFIX rdfs: <" + RDFS.getURI() + "> ";

    @TempDir
    static Path data;

    private static final FusekiServer partner = startPartner();

    private static FusekiServer startPartner() {
        Model city = ModelFactory.createDefaultModel();
        for (String[] d : new String[][] {{"Altstadt", "1"}, {"Hafen", "2"}, {"Nordviertel", "3"}}) {
            Resource district = city.createResource("https://partner.example/id/district/" + d[1]);
            district.addProperty(RDF.type, city.createResource(VC + "District"));
            district.addProperty(RDFS.label, d[0], "de");
        }
        DatasetGraph dataset = DatasetGraphFactory.createTxnMem();
        city.getGraph().find().forEach(dataset.getDefaultGraph()::add);
        return FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/partner", dataset)
                .build()
                .start();
    }

    @AfterAll
    static void stopPartner() {
        partner.stop();
    }

    static String partnerEndpoint() {
        return "http://localhost:" + partner.getHttpPort() + "/partner/sparql";
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.demo", () -> "true");
        registry.add("vivacite.demo-city.households", () -> "40");
        registry.add("vivacite.demo-city.history-days", () -> "1");
        registry.add("vivacite.sparql.federation.allow", SparqlFederationTest::partnerEndpoint);
    }

    @LocalServerPort
    int port;

    @Test
    void ourEndpointJoinsOurDistrictsWithThePartnersThroughService() throws Exception {
        String query = PREFIXES + """
                SELECT ?ours ?theirs WHERE {
                  { SELECT (COUNT(?d) AS ?ours) WHERE { ?d a vc:District } }
                  SERVICE <%s> { SELECT (COUNT(?p) AS ?theirs) WHERE { ?p a vc:District } }
                }""".formatted(partnerEndpoint());
        HttpResponse<String> r =
                Sparql.query("http://127.0.0.1:" + port + "/sparql", query, "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode row = new ObjectMapper()
                .readTree(r.body())
                .get("results")
                .get("bindings")
                .get(0);
        assertThat(row.get("ours").get("value").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(row.get("theirs").get("value").asInt()).isEqualTo(3);

        String labels = PREFIXES + "SELECT ?label WHERE { SERVICE <" + partnerEndpoint()
                + "> { ?p a vc:District ; rdfs:label ?label } } ORDER BY ?label";
        HttpResponse<String> names = Sparql.query("http://127.0.0.1:" + port + "/sparql", labels, "text/csv");
        assertThat(names.body().lines().toList()).containsExactly("label", "Altstadt", "Hafen", "Nordviertel");
    }

    @Test
    void thePartnersFusekiQueriesOurEndpointThroughItsOwnService() {
        String ours = "http://127.0.0.1:" + port + "/sparql";
        String query = PREFIXES + """
                SELECT ?label WHERE {
                  SERVICE <%s> { ?c a vc:Commune ; rdfs:label ?label }
                } ORDER BY ?label""".formatted(ours);
        List<String> labels = new ArrayList<>();
        try (QueryExecution exec =
                QueryExecution.service(partnerEndpoint()).query(query).build()) {
            ResultSet rows = exec.execSelect();
            rows.forEachRemaining(
                    (QuerySolution s) -> labels.add(s.getLiteral("label").getString()));
        }
        assertThat(labels).containsExactly("Grenoble", "Saint-Martin-d'Hères", "Échirolles");
    }
}

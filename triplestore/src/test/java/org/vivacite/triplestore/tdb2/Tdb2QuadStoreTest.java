package org.vivacite.triplestore.tdb2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.Ontology;
import org.vivacite.triplestore.EmbeddedStoreContractTest;
import org.vivacite.triplestore.SelectResult;

class Tdb2QuadStoreTest extends EmbeddedStoreContractTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String TERRITORY = BASE + "graph/territory";
    private static final String PREFIXES = """
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
            PREFIX vc: <https://w3id.org/vivacite/ontology#>
            """;

    @Override
    protected String kind() {
        return "tdb2";
    }

    private void loadTerritory() {
        store.add(TERRITORY, Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
    }

    private Set<String> subjects(String query) {
        SelectResult result = store.select(PREFIXES + query);
        return result.rows().stream().map(r -> r.get("s").getURI()).collect(Collectors.toSet());
    }

    @Test
    void textQueryFindsLabelsWhateverTheCaseAndAccents() {
        loadTerritory();
        assertThat(subjects("SELECT ?s { ?s text:query 'GRENOBLE' }"))
                .containsExactlyInAnyOrder(BASE + "id/commune/38185", BASE + "id/metropolis/200040715");
        assertThat(subjects("SELECT ?s { ?s text:query 'metropole' }"))
                .containsExactly(BASE + "id/metropolis/200040715");
        assertThat(subjects("SELECT ?s { ?s text:query 'exemple' }"))
                .contains(BASE + "id/street/38185_x001", BASE + "id/building/EX4MP1E2B1DG");
    }

    @Test
    void textQueryFindsIdentifiers() {
        loadTerritory();
        assertThat(subjects("SELECT ?s { ?s text:query '381859901' }")).containsExactly(BASE + "id/district/381859901");
    }

    @Test
    void theIndexForgetsWhatTheStoreForgetsAndKeepsWhatItKeeps() {
        loadTerritory();
        store.close();
        store = reopen();
        assertThat(subjects("SELECT ?s { ?s text:query 'grenoble' }")).hasSize(2);
        store.replace(
                TERRITORY,
                parse("<http://localhost:8080/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"Vizille\" ."));
        assertThat(subjects("SELECT ?s { ?s text:query 'grenoble' }")).isEmpty();
        assertThat(subjects("SELECT ?s { ?s text:query 'vizille' }")).containsExactly(BASE + "id/x");
    }

    @Test
    void aChangeIntoAnEmptyGraphIsIndexedOnceAndForgottenWithIt() {
        // An apply into empty graphs takes the path without a lookup per quad: what it adds is found
        // by text:query, each label once though the changes name it twice, and forgotten when removed.
        org.apache.jena.graph.Node graph = org.apache.jena.graph.NodeFactory.createURI(TERRITORY);
        java.util.List<org.apache.jena.sparql.core.Quad> quads = new java.util.ArrayList<>();
        org.apache.jena.sparql.core.Quad vizille = new org.apache.jena.sparql.core.Quad(
                graph,
                parse("<http://localhost:8080/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"Vizille\" .")
                        .find()
                        .next());
        quads.add(vizille);
        quads.add(vizille);
        store.apply(java.util.List.of(), quads);
        assertThat(store.statistics()).containsEntry(TERRITORY, 1L);
        assertThat(store.select(PREFIXES + "SELECT ?s ?score { (?s ?score) text:query 'vizille' }")
                        .rows())
                .hasSize(1);
        store.apply(java.util.List.of(vizille), java.util.List.of());
        assertThat(subjects("SELECT ?s { ?s text:query 'vizille' }")).isEmpty();
    }

    @Test
    void largeWritesTriggerCompactionByVolume() throws java.io.IOException {
        // Few, large transactions never reach the commit-count threshold; the volume one bounds them.
        java.nio.file.Path small = dir.resolve("by-volume");
        try (var byVolume = new Tdb2QuadStore("public", small, 1_000, 20_000)) {
            for (int batch = 0; batch < 6; batch++) {
                java.util.List<org.apache.jena.sparql.core.Quad> quads = new java.util.ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    quads.add(org.apache.jena.sparql.core.Quad.create(
                            org.apache.jena.graph.NodeFactory.createURI(TERRITORY),
                            org.apache.jena.graph.NodeFactory.createURI("http://example.org/s" + batch + "_" + i),
                            org.apache.jena.graph.NodeFactory.createURI("http://example.org/p"),
                            org.apache.jena.graph.NodeFactory.createLiteralByValue(i)));
                }
                byVolume.add(quads);
            }
            assertThat(byVolume.statistics()).containsEntry(TERRITORY, 30_000L);
            // Compacted after every 4 batches (20 000 quads): the generation directories never pile up.
            try (var generations = java.nio.file.Files.list(small.resolve("tdb2"))) {
                assertThat(generations
                                .filter(p -> p.getFileName().toString().startsWith("Data-"))
                                .count())
                        .isEqualTo(1);
            }
            try (var generations = java.nio.file.Files.list(small.resolve("tdb2"))) {
                assertThat(generations.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Data-")))
                        .noneMatch(n -> n.equals("Data-0001"));
            }
        }
    }

    @Test
    void aLoadIntoEmptyGraphsDoesNotCountTowardsCompactionByVolume() throws java.io.IOException {
        java.nio.file.Path small = dir.resolve("load");
        try (var store = new Tdb2QuadStore("public", small, 1_000, 20_000)) {
            java.util.List<org.apache.jena.sparql.core.Quad> load = new java.util.ArrayList<>();
            java.util.List<org.apache.jena.sparql.core.Quad> more = new java.util.ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                var s = org.apache.jena.graph.NodeFactory.createURI("http://example.org/s" + i);
                var p = org.apache.jena.graph.NodeFactory.createURI("http://example.org/p");
                load.add(org.apache.jena.sparql.core.Quad.create(
                        org.apache.jena.graph.NodeFactory.createURI(TERRITORY),
                        s,
                        p,
                        org.apache.jena.graph.NodeFactory.createLiteralByValue(i)));
                more.add(org.apache.jena.sparql.core.Quad.create(
                        org.apache.jena.graph.NodeFactory.createURI(TERRITORY),
                        s,
                        p,
                        org.apache.jena.graph.NodeFactory.createLiteralByValue(-i - 1)));
            }
            store.apply(java.util.List.of(), load);
            assertThat(store.statistics()).containsEntry(TERRITORY, 30_000L);
            assertThat(generations(small)).containsExactly("Data-0001");
            // The same volume into the graph, now not empty, compacts.
            store.apply(java.util.List.of(), more);
            assertThat(store.statistics()).containsEntry(TERRITORY, 60_000L);
            assertThat(generations(small)).containsExactly("Data-0002");
        }
    }

    private static java.util.List<String> generations(java.nio.file.Path store) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(store.resolve("tdb2"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("Data-"))
                    .toList();
        }
    }

    @Test
    void geosparqlFunctionsWorkOnTerritoryGeometries() {
        loadTerritory();
        assertThat(subjects("""
                SELECT ?s {
                  ?s geo:hasGeometry/geo:asWKT ?inner .
                  <http://localhost:8080/id/district/381859901> geo:hasGeometry/geo:asWKT ?district .
                  FILTER (?s != <http://localhost:8080/id/district/381859901> && geof:sfWithin(?inner, ?district))
                }"""))
                .containsExactlyInAnyOrder(BASE + "id/building/EX4MP1E2B1DG", BASE + "id/street/38185_x001");
        assertThat(subjects("""
                SELECT ?s {
                  ?s a vc:Commune ; geo:hasGeometry/geo:asWKT ?commune .
                  <http://localhost:8080/id/metropolis/200040715> geo:hasGeometry/geo:asWKT ?metropolis .
                  FILTER (geof:sfContains(?metropolis, ?commune))
                }""")).containsExactly(BASE + "id/commune/38185");
    }
}

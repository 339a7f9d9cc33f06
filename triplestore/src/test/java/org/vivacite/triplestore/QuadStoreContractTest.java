package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every store adapter must have. Each adapter's test extends this class and names
 * its kind; the same assertions then run against every engine.
 */
public abstract class QuadStoreContractTest {

    private static final String G1 = "http://localhost:8080/graph/private/aaaa";
    private static final String G2 = "http://localhost:8080/graph/private/bbbb";

    private static final String SAMPLE = """
            @prefix ex: <http://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:obs1 ex:value 123.456 ;
                ex:time "2026-01-15T01:00:00+01:00"^^xsd:dateTime ;
                ex:label "relevé"@fr , "reading"@en , "plain" ;
                ex:count 7 ;
                ex:flag true ;
                ex:result [ ex:unit ex:M3 ] .
            """;

    private static final String WITHOUT_BLANK_NODES = """
            <http://example.org/obs2> <http://example.org/value> 0.245 ;
                <http://example.org/time> "2026-01-16T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
            """;

    @TempDir
    Path dir;

    protected QuadStore store;

    /** The adapter kind under test. */
    protected abstract String kind();

    @BeforeEach
    void open() {
        store = QuadStores.open(kind(), "private", dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void opensEmptyAndHealthy() {
        assertThat(store.kind()).isEqualTo(kind());
        assertThat(store.role()).isEqualTo("private");
        assertThat(store.statistics()).isEmpty();
        StoreHealth health = store.health();
        assertThat(health.up()).isTrue();
        assertThat(health.detail()).contains(dir.resolve("store").toString());
    }

    @Test
    void readsBackWhatWasAddedTermForTerm() {
        Graph sample = parse(SAMPLE);
        store.add(G1, sample);
        assertThat(store.read(G1).isIsomorphicWith(sample)).isTrue();
    }

    @Test
    void addingTheSameTriplesTwiceKeepsOneCopy() {
        Graph triples = parse(WITHOUT_BLANK_NODES);
        store.add(G1, triples);
        store.add(G1, triples);
        store.add(G1, parse(WITHOUT_BLANK_NODES));
        assertThat(store.statistics()).containsEntry(G1, 2L);
        assertThat(store.read(G1).isIsomorphicWith(triples)).isTrue();
    }

    @Test
    void doublesKeepTheirValue() {
        // TDB2 stores doubles by value and may hand back another lexical form ("1.5e0" for "1.5E0"):
        // the platform writes xsd:decimal values, which every adapter returns term for term.
        store.add(
                G1,
                parse(
                        "<http://example.org/s> <http://example.org/p> \"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> ."));
        var object = store.read(G1).find().next().getObject();
        assertThat(object.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#double");
        assertThat(((Number) object.getLiteralValue()).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void replaceSwapsOneGraphAndLeavesOthers() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(SAMPLE));
        Graph replacement = parse("<http://example.org/a> <http://example.org/b> <http://example.org/c> .");
        store.replace(G1, replacement);
        assertThat(store.read(G1).isIsomorphicWith(replacement)).isTrue();
        assertThat(store.read(G2).isIsomorphicWith(parse(SAMPLE))).isTrue();
    }

    @Test
    void statisticsCountTriplesPerNamedGraph() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse("<http://example.org/a> <http://example.org/b> 1, 2 ."));
        assertThat(store.statistics())
                .containsExactly(java.util.Map.entry(G1, (long) parse(SAMPLE).size()), java.util.Map.entry(G2, 2L));
    }

    @Test
    void statisticsSeeEveryGraph() {
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (int i = 1; i <= 12; i++) {
            String graph = "http://localhost:8080/graph/private/s" + i;
            StringBuilder turtle = new StringBuilder();
            for (int j = 0; j < i; j++) {
                turtle.append("<http://example.org/s")
                        .append(i)
                        .append("> <http://example.org/p> ")
                        .append(j)
                        .append(" .\n");
            }
            store.add(graph, parse(turtle.toString()));
            expected.put(graph, (long) i);
        }
        assertThat(store.statistics()).isEqualTo(expected);
        store.close();
        store = QuadStores.open(kind(), "private", dir.resolve("store"));
        assertThat(store.statistics()).as("after reopening").isEqualTo(expected);
    }

    @Test
    void readOfAnUnknownGraphIsEmpty() {
        assertThat(store.read("http://example.org/none").isEmpty()).isTrue();
    }

    @Test
    void dataSurviveClosingAndReopening() {
        store.add(G1, parse(SAMPLE));
        store.close();
        store = QuadStores.open(kind(), "private", dir.resolve("store"));
        assertThat(store.read(G1).isIsomorphicWith(parse(SAMPLE))).isTrue();
    }

    @Test
    void closedStoreIsDownAndRefusesWork() {
        store.close();
        assertThat(store.health().up()).isFalse();
        assertThat(store.health().detail()).contains("closed");
        assertThatThrownBy(() -> store.add(G1, parse(SAMPLE)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("private store")
                .hasMessageContaining("closed");
    }

    @Test
    void directoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> QuadStores.open(kind(), "public", file.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("public")
                .hasMessageContaining(file.resolve("store").toString());
    }

    protected static Graph parse(String turtle) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(turtle, Lang.TURTLE).parse(g);
        return g;
    }
}

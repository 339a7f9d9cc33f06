package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicOnlyStoreTest {

    private static final GraphNames GRAPHS = new GraphNames("http://localhost:8080/");
    private static final String PRIVATE = GRAPHS.privateGraph("abc");

    @TempDir
    Path dir;

    @Test
    void refusesEveryWayOfWritingAPrivateGraph() {
        try (QuadStore store = new PublicOnlyStore(QuadStores.open("tdb2", "public", dir.resolve("p")), GRAPHS)) {
            var s = NodeFactory.createURI("http://example.org/s");
            var one = QuadStoreContractTest.parse("<http://example.org/s> <http://example.org/p> 1 .");
            assertThatThrownBy(() -> store.add(PRIVATE, one)).hasMessageContaining("is a private graph");
            assertThatThrownBy(() -> store.replace(PRIVATE, one)).hasMessageContaining("is a private graph");
            assertThatThrownBy(() -> store.add(List.of(Quad.create(NodeFactory.createURI(PRIVATE), s, s, s))))
                    .hasMessageContaining("is a private graph");
            assertThatThrownBy(
                            () -> store.apply(List.of(), List.of(Quad.create(NodeFactory.createURI(PRIVATE), s, s, s))))
                    .hasMessageContaining("is a private graph");
            assertThatThrownBy(
                            () -> store.update("INSERT DATA { GRAPH <" + PRIVATE + "> { <http://a> <http://b> 1 } }"))
                    .hasMessageContaining("is a private graph");
            assertThatThrownBy(() -> store.update("INSERT { GRAPH ?g { ?s ?p 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }"))
                    .hasMessageContaining("variable graph");
            assertThatThrownBy(() -> store.restore(new java.io.ByteArrayInputStream(new byte[0])))
                    .hasMessageContaining("refused");
            assertThat(store.statistics()).isEmpty();
            store.add(GRAPHS.territory(), one); // public graphs are fine
            assertThat(store.statistics()).containsEntry(GRAPHS.territory(), 1L);
        }
    }
}

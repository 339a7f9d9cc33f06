package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphNamesTest {

    private final GraphNames graphs = new GraphNames("https://data.example.org/");

    @Test
    void followsTheDocumentedLayout() {
        assertThat(graphs.vocabulary()).isEqualTo("https://data.example.org/graph/vocabulary");
        assertThat(graphs.territory()).isEqualTo("https://data.example.org/graph/territory");
        assertThat(graphs.privateGraph("3f9a1c0e5b7d2a64"))
                .isEqualTo("https://data.example.org/graph/private/3f9a1c0e5b7d2a64");
    }

    @Test
    void recognisesPrivateGraphs() {
        assertThat(graphs.isPrivate(graphs.privateGraph("abc"))).isTrue();
        assertThat(graphs.isPrivate(graphs.territory())).isFalse();
    }

    @Test
    void infersTheBaseAStoreWasWrittenWith() {
        assertThat(GraphNames.inferBase(java.util.List.of(
                        "http://localhost:18080/graph/private/abc", "http://localhost:18080/graph/territory")))
                .contains("http://localhost:18080/");
        assertThat(GraphNames.inferBase(java.util.List.of("http://x.org/graph/private/abc")))
                .isEmpty();
        assertThatThrownBy(() -> GraphNames.inferBase(
                        java.util.List.of("http://a.org/graph/territory", "http://b.org/graph/vocabulary")))
                .hasMessageContaining("several base IRIs");
    }

    @Test
    void refusesSubjectsThatCouldEscapeTheirGraph() {
        assertThatThrownBy(() -> graphs.privateGraph("../territory")).hasMessageContaining("'../territory'");
        assertThatThrownBy(() -> graphs.privateGraph("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GraphNames("http://x.org")).hasMessageContaining("end with '/'");
    }
}

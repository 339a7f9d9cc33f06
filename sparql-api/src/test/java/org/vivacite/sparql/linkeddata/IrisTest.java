package org.vivacite.sparql.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrisTest {

    @Test
    void acceptsThePlatformsIris() {
        assertThat(Iris.isAbsolute("http://localhost:8080/id/commune/38185")).isTrue();
        assertThat(Iris.isAbsolute("http://localhost:8080/id/instant/2026-01-15T00:00:00Z"))
                .isTrue();
        assertThat(Iris.isAbsolute("https://data.example.org/graph/open/conso-2026%20v1"))
                .isTrue();
    }

    @Test
    void refusesWhatCouldEscapeAnIriInAQuery() {
        assertThat(Iris.isAbsolute("http://x/a> ?p ?o } ; DROP ALL #")).isFalse();
        assertThat(Iris.isAbsolute("http://x/a b")).isFalse();
        assertThat(Iris.isAbsolute("http://x/a\"")).isFalse();
        assertThat(Iris.isAbsolute("http://x/a{b}")).isFalse();
        assertThat(Iris.isAbsolute("relative/path")).isFalse();
        assertThat(Iris.isAbsolute("")).isFalse();
    }
}

package org.vivacite.sparql.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class NegotiationTest {

    private static final List<MediaType> OFFERED = List.of(
            MediaType.parseMediaType("text/turtle"),
            MediaType.TEXT_HTML,
            MediaType.parseMediaType("application/ld+json"),
            MediaType.parseMediaType("application/n-triples"),
            MediaType.parseMediaType("application/rdf+xml"));

    private static String choose(String accept) {
        return Negotiation.choose(accept, OFFERED).map(MediaType::toString).orElse("none");
    }

    @Test
    void givesTheFirstOfferedToAnyTypeOrNoAccept() {
        assertThat(choose(null)).isEqualTo("text/turtle");
        assertThat(choose("*/*")).isEqualTo("text/turtle");
        assertThat(choose("")).isEqualTo("text/turtle");
    }

    @Test
    void givesBrowsersHtml() {
        assertThat(choose("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"))
                .isEqualTo("text/html");
    }

    @Test
    void followsQualities() {
        assertThat(choose("text/turtle;q=0.5, application/ld+json")).isEqualTo("application/ld+json");
        assertThat(choose("application/*+json")).isEqualTo("application/ld+json");
        assertThat(choose("application/*;q=0.9, application/rdf+xml")).isEqualTo("application/rdf+xml");
        assertThat(choose("*/*;q=0.1, text/turtle;q=0")).isEqualTo("text/html");
    }

    @Test
    void findsNothingAcceptableForOtherTypesOrAGarbledHeader() {
        assertThat(choose("image/png")).isEqualTo("none");
        assertThat(choose("text/turtle;q=0")).isEqualTo("none");
        assertThat(choose("not a media type")).isEqualTo("none");
    }
}

package org.vivacite.sparql.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.Ontology;

/** The HTML pages, without a server: escaping, links, the map, the ontology's anchors. */
class LinkedDataPagesTest {

    private static final String BASE = "http://localhost:8080/";

    private static Graph turtle(String text) {
        return RDFParser.fromString(text, Lang.TURTLE).base(BASE).toGraph();
    }

    private static final String PREFIXES = """
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix vc: <https://w3id.org/vivacite/ontology#> .
            """;

    @Test
    void escapesEveryTextFromTheData() {
        Graph description = turtle(PREFIXES + """
                <id/building/X> rdfs:label "Tom & Jerry <script>alert(1)</script>"@fr ;
                    rdfs:comment "\\"quoted\\" 'single'" ;
                    vc:partOf <id/street/S> .
                <id/street/S> rdfs:label "<b>bold</b> street" .
                """);

        String page = new ResourcePage(BASE).render(BASE + "id/building/X", description, "/id/building/X");

        assertThat(page)
                .contains("<title>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</title>")
                .contains("<h1>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</h1>")
                .contains("&lt;b&gt;bold&lt;/b&gt; street")
                .contains("&quot;quoted&quot; &#39;single&#39;")
                .doesNotContain("<script>alert")
                .doesNotContain("<b>bold");
    }

    @Test
    void linksIrisUnderTheBaseToTheirPathHereAndVocabularyTermsToTheOntologyPage() {
        Graph description = turtle(PREFIXES + """
                <id/building/X> rdfs:label "12 rue de l'Exemple"@fr ;
                    a <https://saref.etsi.org/saref4bldg/Building> ;
                    vc:partOf <id/street/S> ;
                    vc:use vc:residential ;
                    rdfs:seeAlso <javascript:alert(1)> .
                <id/street/S> rdfs:label "Rue de l'Exemple"@fr .
                vc:residential <http://www.w3.org/2004/02/skos/core#prefLabel> "résidentiel"@fr , "residential"@en .
                """);

        String page = new ResourcePage(BASE).render(BASE + "id/building/X", description, "/id/building/X");

        assertThat(page)
                .contains(
                        "<a href=\"/id/street/S\" title=\"http://localhost:8080/id/street/S\">Rue de l&#39;Exemple</a>")
                .contains("href=\"/ontology#partOf\"")
                .contains("title=\"https://w3id.org/vivacite/ontology#residential\">residential</a>")
                .contains("href=\"https://saref.etsi.org/saref4bldg/Building\"")
                .doesNotContain("href=\"javascript:")
                .contains("<span title=\"javascript:alert(1)\">javascript:alert(1)</span>")
                .doesNotContain("leaflet.js");
    }

    @Test
    void drawsAWktGeometryAsAnInlineSvgMapWithoutScript() {
        Graph description = turtle(PREFIXES + """
                <id/commune/38185> rdfs:label "Grenoble"@fr ; geo:hasGeometry <id/commune/38185/geometry> .
                <id/commune/38185/geometry> a geo:Geometry ;
                    geo:asWKT "POLYGON((5.68 45.15, 5.76 45.15, 5.76 45.21, 5.68 45.21, 5.68 45.15))"^^geo:wktLiteral .
                """);

        String page = new ResourcePage(BASE).render(BASE + "id/commune/38185", description, "/id/commune/38185");

        double cos = Math.cos(Math.toRadians(45.18));
        assertThat(page)
                .contains("<svg class=\"map\"")
                .contains("aria-label=\"Map of Grenoble\"")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "<path class=\"area\" fill-rule=\"evenodd\" d=\"M%.7f -45.1500000 L%.7f -45.1500000",
                        5.68 * cos,
                        5.76 * cos))
                .doesNotContain("<script")
                .doesNotContain("leaflet")
                .doesNotContain("tile")
                .contains("href=\"/id/commune/38185/geometry\"");
    }

    @Test
    void drawsPointsLinesAndPolygonsWithHolesInOneFrame() {
        var shapes = java.util.stream.Stream.of(
                        "<http://www.opengis.net/def/crs/OGC/1.3/CRS84> point (5.7 45.2)",
                        "LINESTRING(5.721 45.185, 5.729 45.185)",
                        "MULTIPOLYGON(((5 45,6 45,6 46,5 45)),((5.1 45.1,5.2 45.1,5.2 45.2,5.1 45.1)))",
                        "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 4))")
                .map(WktSvg::parse)
                .map(java.util.Optional::orElseThrow)
                .toList();

        String svg = WktSvg.svg(shapes, "x").orElseThrow();

        assertThat(svg).containsOnlyOnce("<circle class=\"point\"");
        assertThat(svg).containsOnlyOnce("<path class=\"line\"");
        assertThat(svg.split("<path class=\"area\"", -1)).hasSize(4); // two parts, then one with a hole
        assertThat(svg).contains(" Z M"); // the hole: a second ring in the same path, cut out by evenodd
    }

    @Test
    void drawsNothingForWktItCannotPlace() {
        assertThat(WktSvg.parse("<http://www.opengis.net/def/crs/EPSG/0/2154> POINT(900000 6450000)"))
                .isEmpty();
        assertThat(WktSvg.parse("POINT EMPTY")).isEmpty();
        assertThat(WktSvg.parse("POLYGON((1 2, 3 4)")).isEmpty();
        assertThat(WktSvg.parse("POLYGON(1 2, 3 4)")).isEmpty();
        assertThat(WktSvg.parse("POINT(NaN 2)")).isEmpty();
        assertThat(WktSvg.parse("CIRCLE(1 2)")).isEmpty();
        assertThat(WktSvg.svg(java.util.List.of(), "nothing")).isEmpty();
    }

    @Test
    void ontologyPageAnchorsEveryTermByItsLocalName() {
        Graph vocabulary = Ontology.vocabulary().getGraph();

        String page = new OntologyPage(BASE).render(vocabulary, "/ontology");

        assertThat(page)
                .contains("<title>VivaCité application ontology</title>")
                .contains("<section class=\"term\" id=\"Dwelling\">")
                .contains("<a href=\"#Dwelling\">vc:Dwelling</a>")
                .contains("id=\"waterVolume\"")
                .contains("id=\"partOf\"")
                .contains("<h2 id=\"section-classes\">Classes</h2>")
                .contains("<h2 id=\"section-properties\">Properties</h2>")
                .contains("<h2 id=\"section-individuals\">Individuals</h2>");
        assertThat(page.indexOf("id=\"Dwelling\""))
                .isBetween(page.indexOf("id=\"section-classes\""), page.indexOf("id=\"section-properties\""));
        assertThat(page.indexOf("id=\"waterVolume\"")).isGreaterThan(page.indexOf("id=\"section-individuals\""));
    }
}

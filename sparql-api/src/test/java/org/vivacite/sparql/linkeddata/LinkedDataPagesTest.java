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
    void drawsAWktGeometryOnALeafletMapServedLocally() {
        Graph description = turtle(PREFIXES + """
                <id/commune/38185> rdfs:label "Grenoble"@fr ; geo:hasGeometry <id/commune/38185/geometry> .
                <id/commune/38185/geometry> a geo:Geometry ;
                    geo:asWKT "POLYGON((5.68 45.15, 5.76 45.15, 5.76 45.21, 5.68 45.21, 5.68 45.15))"^^geo:wktLiteral .
                """);

        String page = new ResourcePage(BASE).render(BASE + "id/commune/38185", description, "/id/commune/38185");

        assertThat(page)
                .contains("<div id=\"map\"")
                .contains("<script src=\"/webjars/leaflet/1.9.4/dist/leaflet.js\"></script>")
                .contains("href=\"/webjars/leaflet/1.9.4/dist/leaflet.css\"")
                .contains(
                        "[{\"type\":\"Polygon\",\"coordinates\":[[[5.68,45.15],[5.76,45.15],[5.76,45.21],[5.68,45.21],[5.68,45.15]]]}]")
                .contains("<script src=\"/assets/resource-map.js\"></script>")
                .doesNotContain("tile")
                .contains("href=\"/id/commune/38185/geometry\"");
    }

    @Test
    void convertsWktToGeoJson() {
        assertThat(WktGeoJson.geometry("LINESTRING(5.721 45.185, 5.729 45.185)"))
                .hasValue("{\"type\":\"LineString\",\"coordinates\":[[5.721,45.185],[5.729,45.185]]}");
        assertThat(WktGeoJson.geometry("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> point (5.7 45.2)"))
                .hasValue("{\"type\":\"Point\",\"coordinates\":[5.7,45.2]}");
        assertThat(WktGeoJson.geometry("MULTIPOINT((1 2),(3 4))"))
                .hasValue("{\"type\":\"MultiPoint\",\"coordinates\":[[1.0,2.0],[3.0,4.0]]}");
        assertThat(WktGeoJson.geometry("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))"))
                .hasValueSatisfying(
                        g -> assertThat(g).startsWith("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0.0,0.0]"));
        assertThat(WktGeoJson.geometry("POINT Z (1 2 3)"))
                .hasValue("{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}");
    }

    @Test
    void drawsNothingForWktItCannotPlace() {
        assertThat(WktGeoJson.geometry("<http://www.opengis.net/def/crs/EPSG/0/2154> POINT(900000 6450000)"))
                .isEmpty();
        assertThat(WktGeoJson.geometry("POINT EMPTY")).isEmpty();
        assertThat(WktGeoJson.geometry("GEOMETRYCOLLECTION(POINT(1 2))")).isEmpty();
        assertThat(WktGeoJson.geometry("POLYGON((1 2, 3 4)")).isEmpty();
        assertThat(WktGeoJson.geometry("POLYGON(1 2, 3 4)")).isEmpty();
        assertThat(WktGeoJson.geometry("POINT(1 2); alert(1)")).isEmpty();
        assertThat(WktGeoJson.geometry("POINT(NaN 2)")).isEmpty();
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

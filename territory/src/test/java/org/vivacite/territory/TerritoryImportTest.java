package org.vivacite.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** The import of the real extracts into real stores (TDB2 public, LMDB private) in a temporary folder. */
class TerritoryImportTest {

    static final String BASE = RealExtracts.BASE;
    static final Path COG = RealExtracts.COG;
    static final Path MEMBERS = RealExtracts.MEMBERS;
    static final Path EPCICOM = RealExtracts.EPCICOM;
    static final Path IRIS_WGS84 = RealExtracts.IRIS_WGS84;
    static final Path IRIS_L93 = RealExtracts.IRIS_L93;
    static final Path BUILDINGS = RealExtracts.BUILDINGS;
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final byte[] KEY = new byte[32];

    @TempDir
    Path dir;

    QuadStore publicStore;
    QuadStore privateStore;
    TerritoryImport territoryImport;
    final GraphNames graphs = new GraphNames(BASE);

    @BeforeEach
    void open() {
        publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"));
        privateStore = QuadStores.open("lmdb", "private", dir.resolve("private"));
        territoryImport = new TerritoryImport(
                BASE, publicStore, privateStore, new Pseudonyms(KEY), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        publicStore.close();
        privateStore.close();
    }

    Model publicTerritory() {
        return ModelFactory.createModelForGraph(publicStore.read(graphs.territory()));
    }

    @Test
    void importsTheRealCommunesEpciAndIrisIntoBothStores() throws IOException {
        TerritoryImport.Report report = territoryImport.run(List.of(IRIS_WGS84, MEMBERS, COG));

        assertThat(report.files().values())
                .containsExactly(
                        "INSEE COG communes (CSV)", "DGCL EPCI composition (CSV)", "IGN IRIS contours (GeoJSON)");
        assertThat(report.counts()).containsEntry("Metropolis", 1L).containsEntry("Commune", 2L);
        assertThat(report.counts()).containsEntry("District", 84L);
        // The 47 other member communes have no contours among the files: reported by code, not guessed.
        assertThat(report.unplaced())
                .hasSize(47)
                .extracting(TerritoryDraft.Unplaced::id)
                .contains("38151");
        assertThat(report.notes()).anyMatch(n -> n.contains("84 IRIS of millésime 2020"));

        Model m = publicTerritory();
        Resource polygone = m.getResource(BASE + "id/district/381850101");
        assertThat(polygone.getProperty(RDFS.label).getString()).isEqualTo("Polygone");
        assertThat(polygone.getProperty(VC.partOf).getResource().getURI()).isEqualTo(BASE + "id/commune/38185");
        assertThat(polygone.getProperty(DCTerms.valid).getString()).isEqualTo("2020");
        Resource grenoble = m.getResource(BASE + "id/commune/38185");
        assertThat(grenoble.getProperty(RDFS.label).getString()).isEqualTo("Grenoble");
        assertThat(grenoble.getProperty(VC.partOf).getResource().getURI()).isEqualTo(BASE + "id/metropolis/200040715");
        assertThat(privateStore.read(graphs.territory()).isIsomorphicWith(publicStore.read(graphs.territory())))
                .as("the private store keeps a copy of the territory for joins")
                .isTrue();
    }

    @Test
    void aDepartmentsEpciFileKeepsTheEpciAndCommunesThatHaveContours() throws IOException {
        TerritoryImport.Report report = territoryImport.run(List.of(COG, EPCICOM, IRIS_WGS84));

        assertThat(report.counts()).containsEntry("Metropolis", 1L).containsEntry("Commune", 2L);
        assertThat(report.unplaced())
                .filteredOn(u -> u.why().startsWith("EPCI"))
                .hasSize(17);
    }

    @Test
    void geoSparqlFindsTheBuildingWithinARealIrisPolygon() throws IOException {
        territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84, BUILDINGS));

        var rows = publicStore.select("""
                        PREFIX geo: <http://www.opengis.net/ont/geosparql#>
                        PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
                        PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
                        SELECT ?b WHERE {
                          <%sid/district/381850101> geo:hasGeometry/geo:asWKT ?area .
                          ?b a s4bldg:Building ; geo:hasGeometry/geo:asWKT ?where .
                          FILTER (geof:sfWithin(?where, ?area))
                        }""".formatted(BASE)).rows();
        assertThat(rows).extracting(r -> r.get("b").getURI()).containsExactly(BASE + "id/building/T3ST4NS5DE23");
    }

    @Test
    void aCityInTheNationalFormatsImportsWithItsBuildingsInTheirRealIrisAndItsDwellingsPrivate() throws Exception {
        Path building =
                Path.of(getClass().getResource("/building/ban.csv").toURI()).getParent();
        TerritoryImport.Report report = territoryImport.run(List.of(
                COG,
                MEMBERS,
                IRIS_WGS84,
                building.resolve("ban.csv"),
                building.resolve("rnb.csv"),
                building.resolve("dwellings.csv"),
                building.resolve("public-buildings.csv")));

        assertThat(report.counts()).containsKey("Building").containsEntry("Dwelling", 2L);
        var rows = publicStore.select("""
                        PREFIX geo: <http://www.opengis.net/ont/geosparql#>
                        PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
                        PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
                        PREFIX vc: <https://w3id.org/vivacite/ontology#>
                        SELECT ?b ?district WHERE {
                          <%sid/district/381850505> geo:hasGeometry/geo:asWKT ?area .
                          ?b a s4bldg:Building ; geo:hasGeometry/geo:asWKT ?where ; vc:partOf+ ?district .
                          ?district a vc:District .
                          FILTER (geof:sfWithin(?where, ?area))
                        }""".formatted(BASE)).rows();
        assertThat(rows)
                .extracting(
                        r -> r.get("b").getURI() + " in " + r.get("district").getURI())
                .contains(BASE + "id/building/PTRN1234567A in " + BASE + "id/district/381850505");
        String dwelling = BASE + "dwelling/" + new Pseudonyms(KEY).of("dwelling", "LGT-0001");
        assertThat(privateStore.ask("ASK { GRAPH ?g { <" + dwelling + "> ?p ?o } }"))
                .as("the dwelling is in the private store")
                .isTrue();
        assertThat(publicStore.ask("ASK { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?s), \"/dwelling/\")"
                        + " || STR(?o) = \"LGT-0001\") } }"))
                .as("nothing of the dwellings in the public store")
                .isFalse();
    }

    @Test
    void reimportingTheSameFilesChangesNothing() throws IOException {
        territoryImport.run(List.of(COG, MEMBERS, IRIS_L93, BUILDINGS));
        Graph first = publicStore.read(graphs.territory());
        Map<String, Long> stats = privateStore.statistics();

        TerritoryImport.Report again = territoryImport.run(List.of(BUILDINGS, IRIS_L93, MEMBERS, COG));

        assertThat(again.changed()).isFalse();
        assertThat(again.kept()).isZero();
        assertThat(publicStore.read(graphs.territory()).isIsomorphicWith(first)).isTrue();
        assertThat(privateStore.statistics()).isEqualTo(stats);
    }

    @Test
    void aNewMillesimeKeepsTheDistrictsThatDisappearMarkedInvalidated() throws IOException {
        territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84));
        String text = Files.readString(IRIS_WGS84, StandardCharsets.UTF_8);
        // A 2024 edition without IRIS 381850101 and with 381850102 renamed.
        String without = text.replaceFirst(
                        "\\{\"type\": \"Feature\", \"properties\": \\{\"CODE_IRIS\": \"381850101\".*?\\]\\]\\]\\}\\}, ",
                        "")
                .replace("\"Jean Macé\"", "\"Jean Macé-Nord\"");
        assertThat(without).doesNotContain("381850101").contains("Jean Macé-Nord");
        Path iris2024 = Files.writeString(dir.resolve("contours_iris_2024.geojson"), without);

        TerritoryImport.Report report = territoryImport.run(List.of(COG, MEMBERS, iris2024));

        assertThat(report.counts()).containsEntry("District", 83L);
        assertThat(report.kept()).isEqualTo(1);
        Model m = publicTerritory();
        Resource gone = m.getResource(BASE + "id/district/381850101");
        assertThat(gone.getProperty(RDFS.label).getString()).isEqualTo("Polygone");
        assertThat(gone.getProperty(m.createProperty(Namespaces.PROV + "invalidatedAtTime"))
                        .getString())
                .isEqualTo("2026-12-07T10:00:00Z");
        Resource renamed = m.getResource(BASE + "id/district/381850102");
        assertThat(renamed.getProperty(RDFS.label).getString()).isEqualTo("Jean Macé-Nord");
        assertThat(renamed.getProperty(DCTerms.valid).getString()).isEqualTo("2024");

        Graph after = publicStore.read(graphs.territory());
        assertThat(territoryImport.run(List.of(COG, MEMBERS, iris2024)).changed())
                .isFalse();
        assertThat(publicStore.read(graphs.territory()).isIsomorphicWith(after)).isTrue();
    }

    @Test
    void aFileOfNoKnownKindIsRefusedByName() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a territory\n");

        assertThatThrownBy(() -> territoryImport.run(List.of(COG, notes)))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith("notes.txt: not a territory file this import knows");
        assertThat(publicStore.statistics()).isEmpty();
    }

    @Test
    void aMalformedCogFileGetsItsLineAndLeavesTheStoresUnchanged() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("communes_bad.csv"), Files.readString(COG).replace("COM,38185,", "COM,3818,"));
        int line = lineOf(bad, "COM,3818,");

        assertRefusedAndUnchanged(
                List.of(bad, MEMBERS, IRIS_WGS84),
                "communes_bad.csv, line " + line + ": COM '3818' is not an INSEE commune code");
    }

    @Test
    void aMalformedEpciFileGetsItsLineAndLeavesTheStoresUnchanged() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("epci_bad.csv"), Files.readString(MEMBERS).replaceFirst("38,200040715,", "38,20004071,"));

        assertRefusedAndUnchanged(
                List.of(COG, bad, IRIS_WGS84), "epci_bad.csv, line 2: siren '20004071' is not a SIREN number");
    }

    @Test
    void aMalformedIrisGeoJsonGetsItsFeatureAndLeavesTheStoresUnchanged() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("iris_2020_bad.geojson"),
                Files.readString(IRIS_WGS84).replace("\"CODE_IRIS\": \"381850102\"", "\"CODE_IRIS\": \"381860102\""));

        assertRefusedAndUnchanged(
                List.of(COG, MEMBERS, bad),
                "iris_2020_bad.geojson, feature 2 (CODE_IRIS 381860102): IRIS 381860102 is not in its commune 38185");
    }

    @Test
    void aMalformedIrisGeoPackageGetsItsFeatureAndLeavesTheStoresUnchanged() throws Exception {
        Path bad = org.vivacite.territory.area.GeoPackages.write(dir.resolve("CONTOURS-IRIS_2020.gpkg"), "381850103");

        assertRefusedAndUnchanged(
                List.of(COG, MEMBERS, bad),
                "CONTOURS-IRIS_2020.gpkg, table contours_iris, feature 3 (CODE_IRIS 38185010): CODE_IRIS '38185010'");
    }

    @Test
    void aGeoPackageImportsLikeTheGeoJson() throws Exception {
        Path gpkg = org.vivacite.territory.area.GeoPackages.write(dir.resolve("CONTOURS-IRIS_2020.gpkg"), null);

        TerritoryImport.Report report = territoryImport.run(List.of(COG, MEMBERS, gpkg, BUILDINGS));

        assertThat(report.files()).containsEntry("CONTOURS-IRIS_2020.gpkg", "IGN IRIS contours (GeoPackage)");
        assertThat(report.counts()).containsEntry("District", 84L).containsEntry("Building", 2L);
    }

    @Test
    void brokenJsonGetsItsLineAndLeavesTheStoresUnchanged() throws IOException {
        String text = Files.readString(IRIS_WGS84);
        Path bad = Files.writeString(dir.resolve("iris_2020_cut.geojson"), text.substring(0, text.length() / 2));

        assertRefusedAndUnchanged(List.of(COG, MEMBERS, bad), "iris_2020_cut.geojson, line 1, column ");
    }

    @Test
    void aShapeViolationNamesTheFileThatBroughtIt() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("bad-building.ttl"),
                Files.readString(BUILDINGS)
                        .replace(
                                "vc:use vc:residential ;\n    geo:hasGeometry <id/building/T3ST4NS5DE23",
                                "vc:use vc:residential, vc:industry ;\n    geo:hasGeometry <id/building/T3ST4NS5DE23"));

        assertRefusedAndUnchanged(
                List.of(COG, MEMBERS, IRIS_WGS84, bad),
                "bad-building.ttl, <" + BASE + "id/building/T3ST4NS5DE23> vc:use: a building has at most one use");
    }

    @Test
    void aReimportValidatesWhatReachesAChangeThoughItIsUnchanged() throws IOException {
        // The re-import validates only what changes and what reaches it: the street loses its type,
        // and the unchanged building on it no longer is part of a street.
        territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84, BUILDINGS));
        Graph publicBefore = publicStore.read(graphs.territory());
        Map<String, Long> privateStats = privateStore.statistics();
        String text = Files.readString(BUILDINGS);
        Path untyped = Files.writeString(
                dir.resolve("untyped-street.ttl"),
                text.replace("<id/street/38185_t001> a vc:Street ;", "<id/street/38185_t001>"));
        assertThat(untyped).content().isNotEqualTo(text);

        assertThatThrownBy(() -> territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84, untyped)))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith("untyped-street.ttl, <" + BASE
                        + "id/building/T3ST4NS5DE23> vc:partOf = <" + BASE
                        + "id/street/38185_t001>: a building is part of exactly one street");
        assertThat(publicStore.read(graphs.territory()).isIsomorphicWith(publicBefore))
                .isTrue();
        assertThat(privateStore.statistics()).isEqualTo(privateStats);
    }

    @Test
    void aFailedPrivateWriteGivesThePublicStoreItsOldTerritoryBack() throws IOException {
        territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84));
        Graph before = publicStore.read(graphs.territory());
        QuadStore failing = (QuadStore) java.lang.reflect.Proxy.newProxyInstance(
                QuadStore.class.getClassLoader(), new Class<?>[] {QuadStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("apply")) {
                        throw new org.vivacite.triplestore.StoreException("disk full (test)");
                    }
                    try {
                        return method.invoke(privateStore, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TerritoryImport withFailingPrivateStore = new TerritoryImport(
                BASE,
                publicStore,
                failing,
                new Pseudonyms(KEY),
                Clock.fixed(NOW, ZoneOffset.UTC),
                TerritoryImport.providers());

        assertThatThrownBy(() -> withFailingPrivateStore.run(List.of(COG, MEMBERS, IRIS_WGS84, BUILDINGS)))
                .hasMessageContaining("disk full (test)");

        assertThat(publicStore.read(graphs.territory()).isIsomorphicWith(before))
                .as("the public store has its old territory back")
                .isTrue();
    }

    /** Imports the good files first; then the bad import must fail with one line and write nothing. */
    void assertRefusedAndUnchanged(List<Path> files, String message) throws IOException {
        territoryImport.run(List.of(COG, MEMBERS, IRIS_WGS84));
        Graph publicBefore = publicStore.read(graphs.territory());
        Graph privateBefore = privateStore.read(graphs.territory());
        Map<String, Long> publicStats = publicStore.statistics();
        Map<String, Long> privateStats = privateStore.statistics();

        assertThatThrownBy(() -> territoryImport.run(files))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(publicStore.statistics()).isEqualTo(publicStats);
        assertThat(privateStore.statistics()).isEqualTo(privateStats);
        assertThat(publicStore.read(graphs.territory()).isIsomorphicWith(publicBefore))
                .isTrue();
        assertThat(privateStore.read(graphs.territory()).isIsomorphicWith(privateBefore))
                .isTrue();
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}

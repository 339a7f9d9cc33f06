package org.vivacite.territory.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;
import org.vivacite.territory.TerritorySource;

/**
 * The readers of addresses, buildings, dwellings and public buildings, on small files in the
 * national formats (made up: no real BAN, RNB or dwelling file was obtainable) over three real
 * IRIS polygons of Grenoble and Saint-Martin-d'Hères (src/test/resources/building/README.md).
 */
class BuildingReadersTest {

    static final String BASE = "http://localhost:8080/";
    static final Pseudonyms PSEUDONYMS =
            new Pseudonyms("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    TerritoryDraft draft;

    @BeforeEach
    void areasStage() throws IOException {
        draft = new TerritoryDraft(BASE, PSEUDONYMS);
        try (InputStream in = getClass().getResourceAsStream("/building/iris.ttl")) {
            RDFParser.source(in).lang(Lang.TURTLE).base(BASE).parse(draft.territory());
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(
                    BuildingReadersTest.class.getResource("/building/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void read(TerritorySource source, String name) throws IOException {
        source.read(resource(name), draft);
    }

    void readAll() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");
        read(new BuildingCsvSource(), "buildings.csv");
        read(new DwellingCsvSource(), "dwellings.csv");
        read(new PublicBuildingCsvSource(), "public-buildings.csv");
    }

    Resource iri(String path) {
        return draft.territory().createResource(BASE + path);
    }

    /** The IRIS and the commune a building reaches by vc:partOf+. */
    List<String> areasOf(String rnb) {
        String query = "PREFIX vc: <" + VC.NS + "> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                + " SELECT ?code { <" + BASE + "id/building/" + rnb + "> vc:partOf+ ?a . ?a skos:notation ?code"
                + " FILTER(datatype(?code) IN (vc:IrisCode, vc:InseeCommuneCode)) } ORDER BY ?code";
        try (var q = QueryExecutionFactory.create(query, draft.territory())) {
            List<String> codes = new ArrayList<>();
            q.execSelect()
                    .forEachRemaining(row -> codes.add(row.getLiteral("code").getLexicalForm()));
            return codes;
        }
    }

    List<String> unplaced(String file) {
        return draft.unplaced().stream()
                .filter(u -> u.file().equals(file))
                .map(u -> u.id() + ": " + u.why())
                .toList();
    }

    @Test
    void banAddressesMakeStreetsInTheIrisTheirPointsLieIn() throws IOException {
        read(new BanAddressSource(), "ban.csv");

        Resource claudel = iri("id/street/38185_4580/381850505");
        assertThat(draft.territory().contains(claudel, RDF.type, VC.Street)).isTrue();
        assertThat(claudel.getProperty(RDFS.label).getString()).isEqualTo("Rue Paul Claudel");
        assertThat(claudel.getPropertyResourceValue(VC.partOf)).isEqualTo(iri("id/district/381850505"));
        assertThat(iri("id/street/38421_0330/384210302").getPropertyResourceValue(VC.partOf))
                .isEqualTo(iri("id/district/384210302"));
        assertThat(unplaced("ban.csv"))
                .containsExactly("38185_9999_00001: address point in no IRIS of its commune 38185");
        assertThat(draft.territory()
                        .listSubjectsWithProperty(RDF.type, VC.Street)
                        .toList())
                .as("Échirolles (38151) is not a commune of the territory: its address is skipped")
                .hasSize(3);
    }

    @Test
    void rnbBuildingsArePlacedInTheIrisTheirPointLiesInOnTheStreetOfTheirAddress() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");

        Resource claudel = iri("id/building/PTRN1234567A");
        assertThat(claudel.getPropertyResourceValue(VC.partOf)).isEqualTo(iri("id/street/38185_4580/381850505"));
        assertThat(claudel.getProperty(RDFS.label).getString()).isEqualTo("12 Rue Paul Claudel");
        assertThat(claudel.listProperties(SKOS.notation)
                        .mapWith(s -> s.getString())
                        .toList())
                .containsExactlyInAnyOrder("PTRN1234567A", "38185_4580_00012");
        assertThat(claudel.getPropertyResourceValue(Terms.HAS_GEOMETRY)
                        .getProperty(Terms.AS_WKT)
                        .getString())
                .startsWith("POLYGON ((5.7489 45.1748");
        assertThat(areasOf("PTRN1234567A")).containsExactly("38185", "381850505");
        assertThat(areasOf("TSSR2345678B")).containsExactly("38185", "381850507");
        assertThat(areasOf("PXMR3456789C")).containsExactly("38421", "384210302");
    }

    @Test
    void buildingsThatCannotBePlacedAreReportedByIdAndOtherCommunesSkipped() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");

        assertThat(unplaced("rnb.csv"))
                .containsExactly(
                        "NWHR4567891D: point POINT (5.70001 45.19001) in no IRIS of the territory",
                        "NKNW5678912E: BAN address 38185_4580_00099 not in the BAN file",
                        "DMXS6789123F: status demolished: not a standing building");
        assertThat(draft.territory().containsResource(iri("id/building/NWHR4567891D")))
                .isFalse();
        assertThat(draft.territory().containsResource(iri("id/building/CHRX7891234G")))
                .as("a building of Échirolles, outside the territory")
                .isFalse();
    }

    @Test
    void aBuildingOutsideEveryIrisOfItsCommuneIsAnErrorNamingIt() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        Path file = dir.resolve("rnb-grenoble.csv");
        // A Grenoble address (38185) on a building whose point lies in Saint-Martin-d'Hères' Paul Éluard IRIS.
        Files.writeString(
                file,
                "rnb_id;point;shape;status;ext_ids;addresses;plots\n"
                        + "WRNG1234567M;\"SRID=4326;POINT (5.74782 45.16606)\";;constructed;[];"
                        + "\"[{\"\"cle_interop_ban\"\": \"\"38185_7210_00005\"\"}]\";[]\n");

        assertThatThrownBy(() -> new RnbBuildingSource().read(file, draft))
                .isInstanceOf(TerritoryException.class)
                .hasMessage(
                        "rnb-grenoble.csv, line 2: building WRNG1234567M is outside every IRIS of its commune 38185"
                                + " (its address 38185_7210_00005): its point POINT (5.74782 45.16606) lies in IRIS [384210302]");
    }

    @Test
    void theFallbackBuildingCsvPlacesByBanIdOrByAddressFields() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new BuildingCsvSource(), "buildings.csv");

        assertThat(areasOf("FXBK1234567H"))
                .as("by numero + nom_voie, at the address point")
                .containsExactly("38185", "381850507");
        assertThat(iri("id/building/FXBK2345678J")
                        .getPropertyResourceValue(Terms.HAS_GEOMETRY)
                        .getProperty(Terms.AS_WKT)
                        .getString())
                .as("by ban_id, at its own lon/lat")
                .isEqualTo("POINT (5.74785 45.166)");
        assertThat(areasOf("FXBK2345678J")).containsExactly("38421", "384210302");
        assertThat(unplaced("buildings.csv"))
                .containsExactly("FXBK3456789K: address '7 Rue Inconnue' of commune 38185 not in the BAN file");
    }

    @Test
    void dwellingsArePrivateUnderPseudonymousIrisAndMakeTheirBuildingResidential() throws IOException {
        readAll();

        Model dwellings = draft.dwellings();
        Resource first = dwellings.createResource(BASE + "dwelling/" + PSEUDONYMS.of("dwelling", "LGT-0001"));
        assertThat(dwellings.contains(first, RDF.type, VC.Dwelling)).isTrue();
        assertThat(first.getPropertyResourceValue(Terms.IS_SPACE_OF)).isEqualTo(iri("id/building/PTRN1234567A"));
        assertThat(first.getProperty(VC.floorArea).getLiteral().getLexicalForm())
                .isEqualTo("62.5");
        assertThat(first.getPropertyResourceValue(VC.heatingSystem).getLocalName())
                .isEqualTo("districtHeating");
        assertThat(first.getPropertyResourceValue(VC.ownerKind).getLocalName()).isEqualTo("socialLandlord");
        Resource second = dwellings.createResource(BASE + "dwelling/" + PSEUDONYMS.of("dwelling", "LGT-0002"));
        assertThat(second.getPropertyResourceValue(Terms.IS_SPACE_OF))
                .as("by ban_id")
                .isEqualTo(iri("id/building/TSSR2345678B"));
        assertThat(unplaced("dwellings.csv"))
                .containsExactly("LGT-0003: building NKNW5678912E is not in the territory");

        assertThat(iri("id/building/PTRN1234567A")
                        .getPropertyResourceValue(VC.use)
                        .getLocalName())
                .isEqualTo("residential");
        assertThat(draft.territory()
                        .listStatements(null, VC.floorArea, (RDFNode) null)
                        .toList())
                .as("no dwelling fact reaches the public territory but its building's use")
                .allMatch(s -> s.getSubject().getURI().endsWith("PXMR3456789C"));
        for (Model m : List.of(dwellings, draft.territory())) {
            var out = new java.io.ByteArrayOutputStream();
            RDFDataMgr.write(out, m, Lang.NTRIPLES);
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("LGT-0001", "Actis");
        }
    }

    @Test
    void publicBuildingsGetTheirNameUseFloorAreaAndPublicationFlag() throws IOException {
        readAll();

        Resource school = iri("id/building/PXMR3456789C");
        assertThat(school.getProperty(RDFS.label).getString()).isEqualTo("Groupe scolaire Paul Éluard");
        assertThat(school.getPropertyResourceValue(VC.use).getLocalName()).isEqualTo("public");
        assertThat(school.getPropertyResourceValue(VC.ownerKind).getLocalName()).isEqualTo("publicOwner");
        assertThat(school.getProperty(VC.floorArea).getLiteral().getLexicalForm())
                .isEqualTo("2400");
        assertThat(school.getProperty(VC.publishIndividually).getBoolean()).isTrue();
        assertThat(unplaced("public-buildings.csv")).containsExactly("NWHR4567891D: building is not in the territory");
    }

    @Test
    void buildingUsesGiveTheUseAndFloorAreaTheRnbDoesNotSay() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");
        read(new BuildingUseCsvSource(), "building-uses.csv"); // the import's order: uses, then dwellings
        read(new DwellingCsvSource(), "dwellings.csv");

        Resource teisseire = iri("id/building/TSSR2345678B");
        assertThat(teisseire.getPropertyResourceValue(VC.use).getLocalName())
                .as("a use given before the dwellings read stays: they only fill a building without one")
                .isEqualTo("tertiary");
        assertThat(teisseire.getProperty(VC.floorArea).getLiteral().getLexicalForm())
                .isEqualTo("1200");
        assertThat(teisseire.hasProperty(VC.ownerKind))
                .as("not the community's")
                .isFalse();
        Resource claudel = iri("id/building/PTRN1234567A");
        assertThat(claudel.getPropertyResourceValue(VC.use).getLocalName()).isEqualTo("residential");
        assertThat(claudel.hasProperty(VC.floorArea))
                .as("an empty floor area says nothing")
                .isFalse();
        assertThat(unplaced("building-uses.csv")).containsExactly("NKNW5678912E: building is not in the territory");
    }

    @Test
    void aDwellingsOccupantsAreKeptPrivate() throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");
        Path file = dir.resolve("dwellings.csv");
        Files.writeString(file, "dwelling_id,rnb_id,occupants\nLGT-0001,PTRN1234567A,3\nLGT-0002,PTRN1234567A,0\n");
        new DwellingCsvSource().read(file, draft);

        Resource first = draft.dwellings().createResource(BASE + "dwelling/" + PSEUDONYMS.of("dwelling", "LGT-0001"));
        assertThat(first.getProperty(VC.occupants).getInt()).isEqualTo(3);
        assertThat(draft.territory()
                        .listStatements(null, VC.occupants, (RDFNode) null)
                        .toList())
                .isEmpty();
    }

    @Test
    void whatTheReadersWriteConformsToTheShapes() throws IOException {
        readAll();

        ShapeReport territory = new ShapeValidator().validate(draft.territory());
        // The draft's communes lack the metropolis and geometry the areas stage gives them: not ours.
        assertThat(territory.violations())
                .filteredOn(v -> !v.focusNode().contains("/id/commune/"))
                .isEmpty();
        Model both = ModelFactory.createUnion(draft.dwellings(), draft.territory());
        assertThat(new ShapeValidator().validate(both).violations())
                .filteredOn(v -> v.focusNode().contains("/dwelling/"))
                .isEmpty();
    }

    @Test
    void eachFileIsRecognisedByExactlyOneRegisteredReader() throws IOException {
        List<TerritorySource> sources = ServiceLoader.load(TerritorySource.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        for (String[] expected : new String[][] {
            {"ban.csv", "BanAddressSource"},
            {"rnb.csv", "RnbBuildingSource"},
            {"buildings.csv", "BuildingCsvSource"},
            {"building-uses.csv", "BuildingUseCsvSource"},
            {"dwellings.csv", "DwellingCsvSource"},
            {"public-buildings.csv", "PublicBuildingCsvSource"}
        }) {
            byte[] head = Files.readAllBytes(resource(expected[0]));
            assertThat(sources.stream().filter(s -> s.recognises(expected[0], head)))
                    .as(expected[0])
                    .singleElement()
                    .extracting(s -> s.getClass().getSimpleName())
                    .isEqualTo(expected[1]);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(
                        new BanAddressSource(),
                        "ban.csv",
                        "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n"
                                + "38185_4580_00012;38185_4580;12;;Rue Paul Claudel;38100;38185;Grenoble;5,749;45.1749\n",
                        "ban.csv, line 2: lon '5,749' is not a number (WGS 84 degrees, a dot for decimals)"),
                Arguments.of(
                        new RnbBuildingSource(),
                        "rnb.csv",
                        "rnb_id;point;shape;status;ext_ids;addresses\n"
                                + "PTRN1234567A;\"SRID=4326;POINT (5.74901 45.17487)\";;constructed;[];[{cle_interop_ban: 1\n",
                        "rnb.csv, line 2: addresses is not JSON"),
                Arguments.of(
                        new BuildingCsvSource(),
                        "buildings.csv",
                        "rnb_id,ban_id\nFXBK1234567H,38185_7210_00005\nFXBKO234567H,38185_7210_00005\n",
                        "buildings.csv, line 3: rnb_id 'FXBKO234567H' is not an RNB id (12 characters of 1-9 and A-Z"
                                + " without I, L, O, U)"),
                Arguments.of(
                        new DwellingCsvSource(),
                        "dwellings.csv",
                        "dwelling_id,rnb_id,floor_area_m2\nLGT-0001,PTRN1234567A,-3\n",
                        "dwellings.csv, line 2: floor_area_m2 -3 is not a positive area"),
                Arguments.of(
                        new DwellingCsvSource(),
                        "dwellings.csv",
                        "dwelling_id,rnb_id,occupants\nLGT-0001,PTRN1234567A,two\n",
                        "dwellings.csv, line 2: occupants 'two' is not a whole number, zero or more"),
                Arguments.of(
                        new BuildingUseCsvSource(),
                        "building-uses.csv",
                        "rnb_id,use,floor_area_m2\nTSSR2345678B,offices,1200\n",
                        "building-uses.csv, line 2: use 'offices' is not one of [industry, public, residential,"
                                + " tertiary]"),
                Arguments.of(
                        new PublicBuildingCsvSource(),
                        "public-buildings.csv",
                        "rnb_id,name,use,floor_area_m2,publish_individually\nPXMR3456789C,École,public,2400,maybe\n",
                        "public-buildings.csv, line 2: publish_individually 'maybe' is not true or false"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void aMalformedFileGetsOneLineNamingTheFileTheLineAndWhatIsWrong(
            TerritorySource source, String name, String content, String message) throws IOException {
        read(new BanAddressSource(), "ban.csv");
        read(new RnbBuildingSource(), "rnb.csv");
        Path file = dir.resolve(name);
        Files.writeString(file, content);

        assertThatThrownBy(() -> source.read(file, draft))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFileWithoutARequiredColumnNamesIt() throws IOException {
        Path file = dir.resolve("public.csv");
        Files.writeString(file, "rnb_id,name,use,publish_individually\nPXMR3456789C,École,public,true\n");

        assertThatThrownBy(() -> new PublicBuildingCsvSource().read(file, draft))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith("public.csv, line 1: missing column 'floor_area_m2'");
    }
}

package org.vivacite.opendata.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.update.UpdateAction;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Release;

/**
 * The cube {@link DataCube} writes — the values and the disclosure data sets of a release in one
 * graph — with the VivaCité ontology, the Data Cube vocabulary and the SDMX-RDF components it uses,
 * normalised by the W3C algorithm (phases 1 and 2), meets every W3C integrity constraint IC-1 …
 * IC-21 (resources in qb-integrity/, see its README), on releases with suppressed cells, cells
 * without ratios, load-profile slots and complete cells; and each constraint the cube's shape
 * depends on fires when that shape is broken.
 */
class DataCubeIntegrityTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String QB = Namespaces.QB;
    private static final String VC = Namespaces.VC;

    /** Every fixed constraint query, IC-20 and IC-21 being templates (see {@link #templated}). */
    private static final List<String> FIXED = List.of(
            "IC-1", "IC-2", "IC-3", "IC-4", "IC-5", "IC-6", "IC-7", "IC-8", "IC-9", "IC-10", "IC-11", "IC-12", "IC-13",
            "IC-14", "IC-15", "IC-16", "IC-17", "IC-18", "IC-19a", "IC-19b");

    /** Every constraint, IC-20 and IC-21 as their instantiated templates. */
    static final List<String> ALL =
            Stream.concat(FIXED.stream(), Stream.of("IC-20", "IC-21")).toList();

    static Stream<Arguments> constraints() {
        List<Arguments> args = new ArrayList<>();
        for (String release : List.of("annual", "profile", "complete")) {
            for (String ic : ALL) {
                args.add(Arguments.of(release, ic));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} release: {1} holds")
    @MethodSource("constraints")
    void constraintHolds(String release, String ic) {
        Model cube = checked(release(release));
        assertThat(violates(cube, ic))
                .as(ic + " on the " + release + " release")
                .isFalse();
    }

    @Test
    void theCheckedGraphHasBothDataSetsWithoutAMeasureDimension() {
        // Guards the constraints above: an empty or unnormalised graph would satisfy them all.
        Release r = TestReleases.annual();
        Model cube = checked(r);
        DataCube writer = new DataCube(TestReleases.BASE, PARIS);
        Property dataSet = cube.createProperty(QB + "dataSet");
        long published =
                r.cells().stream().filter(c -> c.protection().published()).count();
        assertThat(published).isLessThan(r.cells().size());
        assertThat(cube.listSubjectsWithProperty(dataSet, cube.createResource(r.iri(TestReleases.BASE)))
                        .toList())
                .hasSize((int) published);
        assertThat(cube.listSubjectsWithProperty(dataSet, cube.createResource(writer.disclosureIri(r)))
                        .toList())
                .hasSize(r.cells().size());
        assertThat(cube.listSubjectsWithProperty(RDF.type, cube.createResource(QB + "DimensionProperty"))
                        .toList())
                .extracting(Resource::getURI)
                .contains(CubeTerms.REF_AREA, CubeTerms.REF_PERIOD, CubeTerms.FLUID, CubeTerms.SECTOR);
        // Normalisation copies each component property to the structure (qb:componentProperty).
        for (String dsd : List.of(writer.structureIri(r.dataset()), writer.disclosureStructureIri(r.dataset()))) {
            List<String> components = cube.listObjectsOfProperty(
                            cube.createResource(dsd), cube.createProperty(QB + "component"))
                    .mapWith(spec -> spec.asResource()
                            .getPropertyResourceValue(cube.createProperty(QB + "componentProperty"))
                            .getURI())
                    .toList();
            assertThat(components).as(dsd).contains(CubeTerms.REF_AREA).doesNotContain(QB + "measureType");
        }
        assertThat(cube.listSubjectsWithProperty(cube.createProperty(QB + "measureType"))
                        .toList())
                .isEmpty();
    }

    /**
     * IC-17 applies only to a data set with a measure dimension. Were the values data set to use
     * {@code qb:measureType} again with its multi-measure observations, it would fire: the checks
     * above do run it.
     */
    @Test
    void aMeasureDimensionWouldMakeIc17Fire() {
        Release r = TestReleases.complete();
        Model cube = checked(r);
        Property measureType = cube.createProperty(QB + "measureType");
        Resource dsd = cube.createResource(new DataCube(TestReleases.BASE, PARIS).structureIri(r.dataset()));
        Resource spec = cube.createResource(dsd.getURI() + "/component/measureType");
        dsd.addProperty(cube.createProperty(QB + "component"), spec);
        spec.addProperty(cube.createProperty(QB + "dimension"), measureType);
        spec.addProperty(cube.createProperty(QB + "componentProperty"), measureType);
        for (Resource obs : cube.listSubjectsWithProperty(
                        cube.createProperty(QB + "dataSet"), cube.createResource(r.iri(TestReleases.BASE)))
                .toList()) {
            obs.addProperty(measureType, cube.createResource(VC + "totalConsumption"));
        }
        assertThat(violates(cube, "IC-17")).isTrue();
    }

    @Test
    void anObservationWithoutActiveDeliveryPointsMakesIc14Fire() {
        Model cube = checked(TestReleases.annual());
        Statement s = cube.listStatements(null, cube.createProperty(VC + "activeDeliveryPoints"), (RDFNode) null)
                .next();
        cube.remove(s);
        assertThat(violates(cube, "IC-14")).isTrue();
    }

    @Test
    void aDisclosureObservationWithoutItsStatusMakesIc14Fire() {
        Model cube = checked(TestReleases.profile());
        Statement s = cube.listStatements(null, cube.createProperty(CubeTerms.DISCLOSURE_STATUS), (RDFNode) null)
                .next();
        cube.remove(s);
        assertThat(violates(cube, "IC-14")).isTrue();
    }

    @Test
    void aMissingDimensionMakesIc11Fire() {
        Model cube = checked(TestReleases.annual());
        Property refArea = cube.createProperty(CubeTerms.REF_AREA);
        Statement s = cube.listStatements(null, refArea, (Resource) null).next();
        cube.remove(s);
        assertThat(violates(cube, "IC-11")).isTrue();
    }

    @Test
    void aDuplicateObservationMakesIc12Fire() {
        Model cube = checked(TestReleases.annual());
        Resource obs = cube.listSubjectsWithProperty(RDF.type, cube.createResource(QB + "Observation"))
                .next();
        Resource copy = cube.createResource(obs.getURI() + "-copy");
        for (Statement s : obs.listProperties().toList()) {
            cube.add(copy, s.getPredicate(), s.getObject());
        }
        assertThat(violates(cube, "IC-12")).isTrue();
    }

    @Test
    void aMissingRequiredAttributeMakesIc13Fire() {
        Model cube = checked(TestReleases.profile());
        Statement s = cube.listStatements(null, cube.createProperty(CubeTerms.UNIT_MEASURE), (Resource) null)
                .next();
        cube.remove(s);
        assertThat(violates(cube, "IC-13")).isTrue();
    }

    @Test
    void aSectorOutsideItsCodeListMakesIc19Fire() {
        Model cube = checked(TestReleases.annual());
        Property sector = cube.createProperty(CubeTerms.SECTOR);
        Statement s = cube.listStatements(null, sector, (Resource) null).next();
        cube.remove(s);
        cube.add(s.getSubject(), sector, cube.createResource(VC + "publicOwner")); // a concept of another scheme
        assertThat(violates(cube, "IC-19a")).isTrue();
    }

    @Test
    void aValuesObservationWithoutItsUnitMakesIc13Fire() {
        Model cube = checked(TestReleases.annual());
        Statement s = cube.listStatements(null, cube.createProperty(CubeTerms.UNIT_MEASURE), (Resource) null)
                .next();
        cube.remove(s);
        assertThat(violates(cube, "IC-13")).isTrue();
    }

    @Test
    void aHierarchicalCodeListIsInstantiatedAndChecked() {
        // IC-20 only runs when its instantiation finds a hierarchy; make one whose root misses a code.
        Model cube = checked(TestReleases.annual());
        Resource list = cube.createResource(VC + "test-sector-hierarchy");
        list.addProperty(RDF.type, cube.createResource(QB + "HierarchicalCodeList"));
        list.addProperty(cube.createProperty(QB + "hierarchyRoot"), cube.createResource(VC + "residential"));
        list.addProperty(cube.createProperty(QB + "parentChildProperty"), cube.createResource(VC + "partOf"));
        cube.createResource(CubeTerms.SECTOR).addProperty(cube.createProperty(QB + "codeList"), list);
        assertThat(violates(cube, "IC-20")).isTrue();
    }

    @Test
    void aCellOfAnotherDatasetIsRefused() {
        Release annual = TestReleases.annual();
        Release wrong = TestReleases.release(Dataset.MONTHLY_BY_COMMUNE, annual.cells());
        assertThatThrownBy(() -> new DataCube(TestReleases.BASE, PARIS).write(wrong, StreamRDFLib.sinkNull()))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining(wrong.id())
                .hasMessageContaining("monthly-consumption-by-commune")
                .hasMessageContaining("annual-consumption-by-district");
    }

    @Test
    void aPublishedCellWithoutActiveDeliveryPointsIsRefused() {
        // Its mean would be missing, and every measure must be on every observation (IC-14).
        Release annual = TestReleases.annual();
        List<Cell> cells = new ArrayList<>(annual.cells());
        Cell c = cells.get(0);
        assertThat(c.protection().published()).isTrue();
        cells.set(
                0,
                new Cell(
                        c.dataset(),
                        c.area(),
                        c.period(),
                        c.slot(),
                        c.fluid(),
                        c.sector(),
                        java.math.BigDecimal.ZERO,
                        0,
                        java.math.BigDecimal.ZERO,
                        null,
                        null,
                        c.protection()));
        Release empty = TestReleases.release(annual.dataset(), cells);
        assertThatThrownBy(() -> new DataCube(TestReleases.BASE, PARIS).write(empty, StreamRDFLib.sinkNull()))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining(empty.id())
                .hasMessageContaining("published without meanConsumptionPerDeliveryPoint");
    }

    @Test
    void twoCellsWithOneKeyAreRefused() {
        Release annual = TestReleases.annual();
        List<Cell> cells = new ArrayList<>(annual.cells());
        cells.add(cells.get(0));
        Release twice = TestReleases.release(annual.dataset(), cells);
        assertThatThrownBy(() -> new DataCube(TestReleases.BASE, PARIS).write(twice, StreamRDFLib.sinkNull()))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("two cells with the key");
    }

    // ── the harness ──

    static Release release(String name) {
        return switch (name) {
            case "annual" -> TestReleases.annual();
            case "profile" -> TestReleases.profile();
            case "complete" -> TestReleases.complete();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The cube of a release with the vocabularies the constraints read, normalised. */
    static Model checked(Release r) {
        Model m = ModelFactory.createDefaultModel();
        new DataCube(TestReleases.BASE, PARIS).write(r, StreamRDFLib.graph(m.getGraph()));
        m.add(Ontology.read(Ontology.ONTOLOGY, Namespaces.VC));
        m.add(turtle("cube.ttl"));
        m.add(turtle("sdmx-rdf-components.ttl"));
        UpdateAction.parseExecute(text("normalization-phase-1.ru"), m);
        UpdateAction.parseExecute(text("normalization-phase-2.ru"), m);
        return m;
    }

    /** The constraints the graph violates, in order. */
    static List<String> violated(Model m) {
        return ALL.stream().filter(ic -> violates(m, ic)).toList();
    }

    /** Whether the graph violates the constraint: its ASK, or for IC-20/21 any instantiation's ASK. */
    static boolean violates(Model m, String ic) {
        if (ic.equals("IC-20") || ic.equals("IC-21")) {
            return templated(m, ic);
        }
        try (QueryExecution q = QueryExecutionFactory.create(text(ic + ".rq"), m)) {
            return q.execAsk();
        }
    }

    /** Runs the template once per property the instantiation query finds ({@code $p} replaced). */
    private static boolean templated(Model m, String ic) {
        String template = text(ic + "-template.rq");
        List<String> properties = new ArrayList<>();
        try (QueryExecution q = QueryExecutionFactory.create(text(ic + "-instantiation.rq"), m)) {
            ResultSet rs = q.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                properties.add(s.getResource("p").getURI());
            }
        }
        for (String p : properties) {
            try (QueryExecution q = QueryExecutionFactory.create(template.replace("$p", p), m)) {
                if (q.execAsk()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Model turtle(String file) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(text(file), Lang.TURTLE).parse(m);
        return m;
    }

    static String text(String file) {
        try (InputStream in = DataCubeIntegrityTest.class.getResourceAsStream("/qb-integrity/" + file)) {
            assertThat(in).as("qb-integrity/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

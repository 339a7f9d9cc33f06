package org.vivacite.opendata.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Release;

/** What {@link DataCube} writes for each cell, in each of a release's two data sets, read back as a graph. */
class DataCubeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DataCube CUBE = new DataCube(TestReleases.BASE, PARIS);
    private static final String QB = Namespaces.QB;
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static Model write(Release r) {
        Model m = ModelFactory.createDefaultModel();
        CUBE.write(r, StreamRDFLib.graph(m.getGraph()));
        return m;
    }

    /** The observations of a cell in a data set: those of the data set with the cell's key. */
    private static List<Resource> observationsOf(Model m, String dataSet, Cell c) {
        return m.listSubjectsWithProperty(m.createProperty(QB + "dataSet"), m.createResource(dataSet))
                .filterKeep(o -> o.hasProperty(
                                m.createProperty(CubeTerms.REF_AREA),
                                m.createResource(c.area().iri()))
                        && o.hasProperty(
                                m.createProperty(CubeTerms.REF_PERIOD),
                                m.createResource(c.period().iri(TestReleases.BASE, PARIS)))
                        && o.hasProperty(m.createProperty(CubeTerms.FLUID), m.createResource(c.fluid().iri))
                        && o.hasProperty(
                                m.createProperty(CubeTerms.SECTOR),
                                m.createResource(c.sector().iri()))
                        && (c.slot() == null
                                || o.getProperty(m.createProperty(CubeTerms.TIME_OF_DAY))
                                        .getLiteral()
                                        .getLexicalForm()
                                        .equals(HH_MM_SS.format(c.slot()))))
                .toList();
    }

    private static List<Resource> values(Model m, Release r, Cell c) {
        return observationsOf(m, r.iri(TestReleases.BASE), c);
    }

    private static List<Resource> disclosure(Model m, Release r, Cell c) {
        return observationsOf(m, CUBE.disclosureIri(r), c);
    }

    private static String iri(Resource o, String property) {
        Resource v = o.getPropertyResourceValue(o.getModel().createProperty(property));
        return v == null ? null : v.getURI();
    }

    @Test
    void writingTwiceGivesTheSameGraph() {
        Release r = TestReleases.annual();
        assertThat(write(r).isIsomorphicWith(write(r))).isTrue();
    }

    @Test
    void aSuppressedCellIsOnlyInTheDisclosureDataSetConfidentialWithoutItsRule() {
        Release r = TestReleases.annual();
        Model m = write(r);
        List<Cell> suppressed =
                r.cells().stream().filter(c -> !c.protection().published()).toList();
        assertThat(suppressed).isNotEmpty();
        for (Cell c : suppressed) {
            assertThat(values(m, r, c)).as("values of " + c.key()).isEmpty();
            assertThat(m.containsResource(m.createResource(TestReleases.BASE + "id/observation/" + r.dataset().id + "/"
                            + r.id() + "/values/" + DataCube.keyHash(c.key()))))
                    .isFalse();
            List<Resource> obs = disclosure(m, r, c);
            assertThat(obs).hasSize(1);
            Resource o = obs.get(0);
            assertThat(o.getURI()).endsWith("/disclosure/" + DataCube.keyHash(c.key()));
            assertThat(iri(o, CubeTerms.DISCLOSURE_STATUS)).isEqualTo(Namespaces.VC + "confidential");
            // nothing but the key and the status: primary and secondary, whatever the rule, look alike
            assertThat(o.listProperties().toList())
                    .extracting(st -> st.getPredicate().getURI())
                    .containsExactlyInAnyOrder(
                            RDF.type.getURI(),
                            QB + "dataSet",
                            CubeTerms.REF_AREA,
                            CubeTerms.REF_PERIOD,
                            CubeTerms.FLUID,
                            CubeTerms.SECTOR,
                            CubeTerms.DISCLOSURE_STATUS);
            for (CubeTerms.Value v : CubeTerms.VALUES) {
                assertThat(o.hasProperty(m.createProperty(v.iri()))).isFalse();
            }
            assertThat(o.hasProperty(m.createProperty(CubeTerms.UNIT_MEASURE))).isFalse();
        }
    }

    @Test
    void aPublishedCellHasOneValuesObservationWithEveryMeasureAndItsRatios() {
        for (Release r : List.of(TestReleases.annual(), TestReleases.profile(), TestReleases.complete())) {
            Model m = write(r);
            for (Cell c :
                    r.cells().stream().filter(c -> c.protection().published()).toList()) {
                List<Resource> obs = values(m, r, c);
                assertThat(obs).as(c.key().toString()).hasSize(1);
                Resource o = obs.get(0);
                assertThat(o.getURI()).endsWith("/values/" + DataCube.keyHash(c.key()));
                assertThat(o.hasProperty(m.createProperty(QB + "measureType"))).isFalse();
                for (CubeTerms.Value v : CubeTerms.VALUES) {
                    Property p = m.createProperty(v.iri());
                    BigDecimal expected = v.value().apply(c);
                    if (expected == null) {
                        assertThat(v.measure()).as(v.localName()).isFalse();
                        assertThat(o.hasProperty(p))
                                .as(v.localName() + " of " + c.key())
                                .isFalse();
                    } else {
                        assertThat(new BigDecimal(o.getProperty(p).getLiteral().getLexicalForm()))
                                .isEqualByComparingTo(expected);
                    }
                }
                assertThat(iri(o, CubeTerms.UNIT_MEASURE)).isEqualTo(c.fluid().unitIri());
                assertThat(o.hasProperty(m.createProperty(Namespaces.VC + "disclosureRule")))
                        .isFalse();
                assertThat(o.hasProperty(m.createProperty(CubeTerms.DISCLOSURE_STATUS)))
                        .isFalse();
                // Its status is in the disclosure data set.
                List<Resource> status = disclosure(m, r, c);
                assertThat(status).hasSize(1);
                assertThat(iri(status.get(0), CubeTerms.DISCLOSURE_STATUS)).isEqualTo(Namespaces.VC + "published");
            }
        }
    }

    @Test
    void aPublishedCellWithoutFloorAreaHasNoPerM2AttributeAndTheCubeStillPasses() {
        Release annual = TestReleases.annual();
        List<Cell> withoutFloorArea = annual.cells().stream()
                .filter(c -> c.protection().published() && c.perFloorArea() == null)
                .toList();
        assertThat(withoutFloorArea).isNotEmpty();
        Release r = TestReleases.release(annual.dataset(), withoutFloorArea);
        Model m = write(r);
        for (Cell c : withoutFloorArea) {
            Resource o = values(m, r, c).get(0);
            assertThat(o.hasProperty(m.createProperty(Namespaces.VC + "consumptionPerFloorArea")))
                    .isFalse();
            assertThat(o.hasProperty(m.createProperty(Namespaces.VC + "totalConsumption")))
                    .isTrue();
        }
        assertThat(DataCubeIntegrityTest.violated(DataCubeIntegrityTest.checked(r)))
                .isEmpty();
    }

    @Test
    void theTwoDataSetsAreLinkedAndShareTheDisclosureParameters() {
        Release r = TestReleases.annual();
        Model m = write(r);
        Resource values = m.getResource(r.iri(TestReleases.BASE));
        Resource disclosure = m.getResource(CUBE.disclosureIri(r));
        assertThat(disclosure.getURI()).isEqualTo(r.iri(TestReleases.BASE) + "/disclosure");
        Property relation = m.createProperty(Namespaces.DCT + "relation");
        assertThat(values.hasProperty(relation, disclosure)).isTrue();
        assertThat(disclosure.hasProperty(relation, values)).isTrue();
        for (Resource ds : List.of(values, disclosure)) {
            assertThat(ds.hasProperty(RDF.type, m.createResource(QB + "DataSet")))
                    .isTrue();
        }
        assertThat(iri(values, QB + "structure")).isEqualTo(TestReleases.BASE + "id/structure/" + r.dataset().id);
        assertThat(iri(disclosure, QB + "structure"))
                .isEqualTo(TestReleases.BASE + "id/structure/" + r.dataset().id + "/disclosure")
                .isEqualTo(CUBE.disclosureStructureIri(r.dataset()));
        Resource activity = values.getPropertyResourceValue(m.createProperty(Namespaces.PROV + "wasGeneratedBy"));
        assertThat(disclosure.getPropertyResourceValue(m.createProperty(Namespaces.PROV + "wasGeneratedBy")))
                .isEqualTo(activity);
        List<String> used = activity.listProperties(m.createProperty(Namespaces.PROV + "used"))
                .mapWith(s -> (String) (s.getResource()
                                .getProperty(m.createProperty(CubeTerms.RDFS + "label"))
                                .getString()
                        + "="
                        + s.getResource().getProperty(RDF.value).getLiteral().getLexicalForm()))
                .toList();
        assertThat(used)
                .containsExactlyInAnyOrderElementsOf(r.rules().parameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                .as("interval protection's level, with the other rules")
                .contains("protection-level=0.1");
    }

    @Test
    void theRatiosAreOptionalAttributesOfTheValuesStructure() {
        Release r = TestReleases.annual();
        Model m = write(r);
        Resource dsd = m.getResource(CUBE.structureIri(r.dataset()));
        Property component = m.createProperty(QB + "component");
        List<String> measures = m.listObjectsOfProperty(dsd, component)
                .mapWith(s -> iri(s.asResource(), QB + "measure"))
                .filterDrop(x -> x == null)
                .toList();
        assertThat(measures)
                .containsExactlyInAnyOrder(
                        Namespaces.VC + "totalConsumption",
                        Namespaces.VC + "activeDeliveryPoints",
                        Namespaces.VC + "meanConsumptionPerDeliveryPoint");
        for (String ratio : List.of("consumptionPerFloorArea", "consumptionPerDegreeDay")) {
            Resource spec = m.getResource(dsd.getURI() + "/component/" + ratio);
            assertThat(iri(spec, QB + "attribute")).isEqualTo(Namespaces.VC + ratio);
            assertThat(spec.getProperty(m.createProperty(QB + "componentRequired"))
                            .getBoolean())
                    .isFalse();
        }
        Resource disclosureDsd = m.getResource(CUBE.disclosureStructureIri(r.dataset()));
        assertThat(m.listObjectsOfProperty(disclosureDsd, component)
                        .mapWith(s -> iri(s.asResource(), QB + "measure"))
                        .filterDrop(x -> x == null)
                        .toList())
                .containsExactly(CubeTerms.DISCLOSURE_STATUS);
    }

    @Test
    void periodsAreSharedIntervalsWithInstants() {
        Release r = TestReleases.profile();
        Model m = write(r);
        Cell c = r.cells().get(0);
        Resource interval = m.getResource(c.period().iri(TestReleases.BASE, PARIS));
        assertThat(interval.getURI()).isEqualTo(TestReleases.BASE + "id/interval/2026-02-28T23:00:00Z/P1M");
        Property stamp = m.createProperty(Namespaces.TIME + "inXSDDateTimeStamp");
        assertThat(interval.getPropertyResourceValue(m.createProperty(Namespaces.TIME + "hasBeginning"))
                        .getProperty(stamp)
                        .getLiteral()
                        .getLexicalForm())
                .isEqualTo("2026-02-28T23:00:00Z");
        assertThat(interval.getPropertyResourceValue(m.createProperty(Namespaces.TIME + "hasEnd"))
                        .getProperty(stamp)
                        .getLiteral()
                        .getLexicalForm())
                .isEqualTo("2026-03-31T22:00:00Z"); // summer time begins on 29 March
        for (List<Resource> obs : List.of(values(m, r, c), disclosure(m, r, c))) {
            assertThat(obs).hasSize(1);
            assertThat(obs.get(0)
                            .getProperty(m.createProperty(CubeTerms.TIME_OF_DAY))
                            .getLiteral()
                            .getLexicalForm())
                    .isEqualTo("00:00:00");
        }
    }
}

package org.vivacite.opendata.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Release;

/** What {@link DataCube} writes for each cell, read back as a graph. */
class DataCubeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Model write(Release r) {
        Model m = ModelFactory.createDefaultModel();
        new DataCube(TestReleases.BASE, PARIS).write(r, StreamRDFLib.graph(m.getGraph()));
        return m;
    }

    private static List<Resource> observationsOf(Model m, Release r, Cell c) {
        String prefix = TestReleases.BASE + "id/observation/" + r.dataset().id + "/" + r.id() + "/"
                + DataCube.keyHash(c.key()) + "/";
        return m.listSubjectsWithProperty(RDF.type, m.createResource(Namespaces.QB + "Observation"))
                .filterKeep(o -> o.getURI().startsWith(prefix))
                .toList();
    }

    @Test
    void writingTwiceGivesTheSameGraph() {
        Release r = TestReleases.annual();
        assertThat(write(r).isIsomorphicWith(write(r))).isTrue();
    }

    @Test
    void aSuppressedCellHasOnlyItsStatus() {
        Release r = TestReleases.annual();
        Model m = write(r);
        List<Cell> suppressed =
                r.cells().stream().filter(c -> !c.protection().published()).toList();
        assertThat(suppressed).isNotEmpty();
        for (Cell c : suppressed) {
            List<Resource> obs = observationsOf(m, r, c);
            assertThat(obs).hasSize(1);
            Resource o = obs.get(0);
            assertThat(o.getURI()).endsWith("/disclosureStatus");
            assertThat(o.getPropertyResourceValue(m.createProperty(CubeTerms.DISCLOSURE_STATUS))
                            .getURI())
                    .isEqualTo(Namespaces.VC + c.protection().status().code);
            assertThat(o.getPropertyResourceValue(m.createProperty(CubeTerms.DISCLOSURE_RULE))
                            .getURI())
                    .isEqualTo(Namespaces.VC + c.protection().rule().code);
            for (CubeTerms.Measure measure : CubeTerms.MEASURES) {
                assertThat(o.hasProperty(m.createProperty(measure.iri()))).isFalse();
            }
        }
    }

    @Test
    void aPublishedCellHasItsStatusAndEachValueItHas() {
        Release r = TestReleases.annual();
        Model m = write(r);
        for (Cell c : r.cells().stream().filter(c -> c.protection().published()).toList()) {
            List<CubeTerms.Measure> present = CubeTerms.MEASURES.stream()
                    .filter(x -> x.value().apply(c) != null)
                    .toList();
            List<Resource> obs = observationsOf(m, r, c);
            assertThat(obs).hasSize(1 + present.size());
            for (CubeTerms.Measure x : present) {
                Property p = m.createProperty(x.iri());
                Resource o = m.getResource(obs.get(0).getURI().replaceAll("/[^/]+$", "/" + x.localName()));
                RDFNode v = o.getProperty(p).getObject();
                assertThat(new java.math.BigDecimal(v.asLiteral().getLexicalForm()))
                        .isEqualByComparingTo(x.value().apply(c));
                Resource unit = o.getPropertyResourceValue(m.createProperty(CubeTerms.UNIT_MEASURE));
                assertThat(unit == null ? null : unit.getURI())
                        .isEqualTo(x.withUnit() ? c.fluid().unitIri() : null);
            }
        }
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
        assertThat(observationsOf(m, r, c)
                        .get(0)
                        .getProperty(m.createProperty(CubeTerms.TIME_OF_DAY))
                        .getLiteral()
                        .getLexicalForm())
                .isEqualTo("00:00:00");
    }

    @Test
    void theDataSetRecordsItsDisclosureParameters() {
        Release r = TestReleases.annual();
        Model m = write(r);
        Resource ds = m.getResource(r.iri(TestReleases.BASE));
        Resource activity = ds.getPropertyResourceValue(m.createProperty(Namespaces.PROV + "wasGeneratedBy"));
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
                        .toList());
        assertThat(ds.getPropertyResourceValue(m.createProperty(Namespaces.QB + "structure"))
                        .getURI())
                .isEqualTo(TestReleases.BASE + "id/structure/" + r.dataset().id);
    }
}

package org.vivacite.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.junit.jupiter.api.Test;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.ReleaseSummary;

/**
 * The catalogue against the DCAT-AP 3.0.0 shapes (src/test/resources/dcat-ap-3.0.0): mandatory,
 * recommended, range and deprecation shapes give no result of any severity.
 */
public class CatalogShaclTest {

    private static final Shapes SHAPES =
            shapes("shapes.ttl", "shapes_recommended.ttl", "range.ttl", "deprecateduris.ttl");

    private final Catalog catalog = new Catalog(CatalogSettings.defaults(Releases.BASE));

    /**
     * With no release, the only result is the recommendation that the SPARQL endpoint serve a
     * dataset: until a release exists it serves none the catalogue lists. No violation.
     */
    @Test
    void emptyCatalogueHasNoViolationAndOnlyTheServesDatasetWarning() {
        Model model = catalog.model(List.of());

        ValidationReport report = validate(model);

        assertThat(describe(report))
                .containsExactly("Warning " + Catalog.serviceIri(Releases.BASE)
                        + " <http://www.w3.org/ns/dcat#servesDataset>"
                        + " minCount[1]: Invalid cardinality: expected min 1: Got count = 0");
        assertThat(model.listSubjectsWithProperty(T.inSeries).toList()).isEmpty();
    }

    @Test
    void oneReleaseIsEnoughForNoResultAtAll() {
        Model model = catalog.model(List.of(Releases.several().get(0)));

        assertThat(describe(validate(model))).isEmpty();
    }

    @Test
    void catalogueOfEveryDatasetWithSeveralReleasesConforms() {
        List<ReleaseSummary> releases = Releases.several();
        Model model = catalog.model(releases);

        assertThat(describe(validate(model))).isEmpty();
        assertThat(model.listSubjectsWithProperty(org.apache.jena.vocabulary.RDF.type, T.Dataset)
                        .toList())
                .hasSize(releases.size());
        assertThat(model.listSubjectsWithProperty(org.apache.jena.vocabulary.RDF.type, T.DatasetSeries)
                        .toList())
                .hasSize(Dataset.values().length);
        assertThat(model.listSubjectsWithProperty(org.apache.jena.vocabulary.RDF.type, T.Distribution)
                        .toList())
                .hasSize(releases.size() * 3);
    }

    @Test
    void aDatasetWithoutTitleIsAViolation() {
        ReleaseSummary first = Releases.several().get(0);
        Model model = catalog.model(List.of(first));
        model.removeAll(ResourceFactory.createResource(first.iri(Releases.BASE)), T.title, null);

        ValidationReport report = validate(model);

        assertThat(report.conforms()).isFalse();
        assertThat(report.getEntries()).anySatisfy(e -> {
            assertThat(e.focusNode().getURI()).isEqualTo(first.iri(Releases.BASE));
            assertThat(e.resultPath().toString()).contains("http://purl.org/dc/terms/title");
            assertThat(e.severity().level().getLocalName()).isEqualTo("Violation");
        });
    }

    @Test
    void aDistributionWithoutLicenceIsAWarning() {
        ReleaseSummary first = Releases.several().get(0);
        Model model = catalog.model(List.of(first));
        model.removeAll(
                ResourceFactory.createResource(first.iri(Releases.BASE) + "/distribution/cube.ttl"), T.license, null);

        assertThat(describe(validate(model)))
                .containsExactly("Warning " + first.iri(Releases.BASE) + "/distribution/cube.ttl "
                        + "<http://purl.org/dc/terms/license>"
                        + " minCount[1]: Invalid cardinality: expected min 1: Got count = 0");
    }

    /**
     * The controlled-vocabulary shapes are not in the check (README): this pins what they report,
     * so that a change in the catalogue that adds another result shows.
     */
    @Test
    void controlledVocabularyShapesReportOnlyTheKnownResults() {
        Model model = catalog.model(List.of(Releases.several().get(0)));

        ValidationReport report = ShaclValidator.get().validate(shapes("mdr-vocabularies.shape.ttl"), model.getGraph());

        Set<String> kinds = report.getEntries().stream()
                .map(e -> e.severity().level().getLocalName() + " " + e.resultPath())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "Violation <http://spdx.org/rdf/terms#algorithm>",
                        "Warning <http://purl.org/dc/terms/publisher>",
                        "Warning <http://purl.org/dc/terms/spatial>");
    }

    /** The results of the mandatory, recommended, range and deprecation shapes on a catalogue. */
    public static ValidationReport validate(Model model) {
        return ShaclValidator.get().validate(SHAPES, model.getGraph());
    }

    /** One line per result: severity, focus node, path, so that a failure shows what is wrong. */
    public static Set<String> describe(ValidationReport report) {
        return report.getEntries().stream().map(CatalogShaclTest::line).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String line(ReportEntry e) {
        return e.severity().level().getLocalName() + " " + e.focusNode() + " " + e.resultPath()
                + (e.message() == null || e.message().isBlank() ? "" : " " + e.message());
    }

    static Shapes shapes(String... files) {
        Graph graph = ModelFactory.createDefaultModel().getGraph();
        for (String file : files) {
            try (InputStream in = CatalogShaclTest.class.getResourceAsStream("/dcat-ap-3.0.0/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource dcat-ap-3.0.0/" + file);
                }
                RDFDataMgr.read(graph, in, Lang.TURTLE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Shapes.parse(graph);
    }
}

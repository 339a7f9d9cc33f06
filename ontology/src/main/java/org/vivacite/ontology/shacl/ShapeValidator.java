package org.vivacite.ontology.shacl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.DisjointUnion;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * Validates data against the platform's SHACL shapes (shapes.ttl). The data are checked together
 * with the ontology and the quantity registry, so {@code sh:class vc:Quantity} accepts exactly the
 * registry's quantities and subclasses of {@code saref:Meter} are targeted. Thread-safe.
 */
public final class ShapeValidator {

    private static final Prologue PREFIXES = new Prologue(Namespaces.prefixes());
    private static final PrefixMap PREFIX_MAP = Prefixes.adapt(Namespaces.prefixes());

    private final Shapes shapes;
    private final Model vocabulary;

    public ShapeValidator() {
        this.shapes = Shapes.parse(Ontology.shapes().getGraph());
        this.vocabulary = Ontology.vocabulary();
    }

    public ShapeReport validate(Model data) {
        return validate(data.getGraph());
    }

    /**
     * Validates {@code data} seen together with the vocabulary, as a union view: the data are not
     * copied (a territory of 100 000 buildings is millions of triples; docs/benchmarks.md).
     */
    public ShapeReport validate(Graph data) {
        ValidationReport report = ShaclValidator.get().validate(shapes, withVocabulary(data));
        List<ShapeReport.Violation> violations =
                report.getEntries().stream().map(ShapeValidator::toViolation).toList();
        return new ShapeReport(violations);
    }

    /**
     * Validates only the {@code focus} nodes of {@code data} (against the shapes that target each),
     * seen together with the vocabulary: for a change to a large graph that was valid before.
     */
    public ShapeReport validate(Graph data, Collection<Node> focus) {
        Graph union = withVocabulary(data);
        List<ShapeReport.Violation> violations = new ArrayList<>();
        for (Node node : focus) {
            ShaclValidator.get().validate(shapes, union, node).getEntries().stream()
                    .map(ShapeValidator::toViolation)
                    .forEach(violations::add);
        }
        return new ShapeReport(violations);
    }

    /**
     * The data beside the vocabulary's triples they lack: a union without duplicates that need not
     * remember every triple it returns, as Jena's {@code Union} does on each find (a fifth of the
     * validation of a big territory). Only the vocabulary, a few thousand triples, is copied.
     */
    private Graph withVocabulary(Graph data) {
        Graph rest = GraphFactory.createDefaultGraph();
        vocabulary.getGraph().find().filterDrop(data::contains).forEach(rest::add);
        return new DisjointUnion(data, rest);
    }

    private static ShapeReport.Violation toViolation(ReportEntry entry) {
        return new ShapeReport.Violation(
                entry.focusNode().isURI()
                        ? entry.focusNode().getURI()
                        : entry.focusNode().toString(),
                entry.resultPath() == null ? "" : entry.resultPath().toString(PREFIXES),
                entry.focusNode().equals(entry.value()) ? "" : format(entry.value()),
                entry.message() == null ? "constraint " + entry.constraint() + " broken" : entry.message());
    }

    private static String format(Node node) {
        return node == null ? "" : NodeFmtLib.str(node, PREFIX_MAP);
    }
}

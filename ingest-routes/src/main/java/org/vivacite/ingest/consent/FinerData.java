package org.vivacite.ingest.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;

/**
 * Deletes what a household's private graph holds finer than a step, when the consent that allowed
 * it is withdrawn: the same rule as the ingest gate ({@code pipeline.ConsentFilter}) applied to what
 * is stored. An observation over an interval (an amount, an average, a derived consumption) stays
 * when its interval begins and ends on step boundaries; a register, an ambient sample or a meter's
 * own alarm stays when read on a boundary; a sample of a supply stays only under a step of at most
 * a second. The daily consumption and its rollups are over whole local days, so they stay, and so
 * do their sums. The intervals and instants no remaining observation refers to go with the
 * observations.
 */
public final class FinerData {

    private static final Node OBSERVATION = NodeFactory.createURI(Namespaces.SOSA + "Observation");
    private static final Node PROPERTY = NodeFactory.createURI(Namespaces.SOSA + "observedProperty");
    private static final Node PHENOMENON_TIME = NodeFactory.createURI(Namespaces.SOSA + "phenomenonTime");
    private static final Node RESULT_TIME = NodeFactory.createURI(Namespaces.SOSA + "resultTime");
    private static final Node BEGINNING = NodeFactory.createURI(Namespaces.TIME + "hasBeginning");
    private static final Node STAMP = NodeFactory.createURI(Namespaces.TIME + "inXSDDateTimeStamp");
    private static final Node FEATURE = NodeFactory.createURI(Namespaces.SOSA + "hasFeatureOfInterest");

    private final QuadStore store;
    private final QuantityRegistry quantities;
    private final ZoneId zone;

    public FinerData(QuadStore store, QuantityRegistry quantities, ZoneId zone) {
        this.store = store;
        this.quantities = quantities;
        this.zone = zone;
    }

    /**
     * Deletes the dwelling's observations finer than {@code step}, in one transaction per graph.
     *
     * @return how many observations were deleted
     */
    public int delete(String dwelling, Duration step) {
        return delete(dwelling, step, null);
    }

    /**
     * Deletes the dwelling's observations finer than {@code step} of the time since {@code since}
     * (those over an interval beginning then or later, those read then or later), in one
     * transaction per graph: what a household that moved out at {@code since} did not consent to
     * for the next one.
     *
     * @param since the first instant whose data go; null for all time
     * @return how many observations were deleted
     */
    public int delete(String dwelling, Duration step, Instant since) {
        Step s = new Step(step, zone);
        int deleted = 0;
        for (String g : graphs(dwelling)) {
            Node gn = NodeFactory.createURI(g);
            Graph graph = store.read(g);
            Set<Node> gone = new HashSet<>();
            graph.find(Node.ANY, RDF.type.asNode(), OBSERVATION).forEach(t -> {
                if (finer(graph, t.getSubject(), s, since)) {
                    gone.add(t.getSubject());
                }
            });
            if (gone.isEmpty()) {
                continue;
            }
            List<Quad> remove = new ArrayList<>();
            Set<Node> referenced = new HashSet<>();
            graph.find().forEach(t -> {
                if (gone.contains(t.getSubject())) {
                    remove.add(new Quad(gn, t));
                } else if (t.getObject().isURI()) {
                    referenced.add(t.getObject());
                }
            });
            // the intervals of the deleted observations, then their instants, unless still referred to
            for (int pass = 0; pass < 2; pass++) {
                Set<Node> orphans = new HashSet<>();
                for (Quad q : List.copyOf(remove)) {
                    Node o = q.getObject();
                    if (o.isURI()
                            && !referenced.contains(o)
                            && !gone.contains(o)
                            && (o.getURI().contains("/id/interval/")
                                    || o.getURI().contains("/id/instant/"))) {
                        orphans.add(o);
                    }
                }
                for (Node o : orphans) {
                    gone.add(o);
                    List<Triple> ts = graph.find(o, Node.ANY, Node.ANY).toList();
                    ts.forEach(t -> remove.add(new Quad(gn, t)));
                }
            }
            deleted += (int) remove.stream()
                    .filter(q -> q.getPredicate().equals(RDF.type.asNode())
                            && q.getObject().equals(OBSERVATION))
                    .count();
            store.apply(remove, List.of());
        }
        return deleted;
    }

    /** The private graphs holding observations of that dwelling (one, its own). */
    private List<String> graphs(String dwelling) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?o ?feature ?dwelling } } LIMIT 16");
        q.setParam("feature", FEATURE);
        q.setIri("dwelling", dwelling);
        return store.select(q.toString()).rows().stream()
                .map(r -> r.get("g").getURI())
                .filter(g -> g.contains("/graph/private/"))
                .toList();
    }

    private boolean finer(Graph graph, Node obs, Step step, Instant since) {
        Node end = value(graph, obs, RESULT_TIME);
        if (end == null) {
            return false;
        }
        Node interval = value(graph, obs, PHENOMENON_TIME);
        if (interval != null) {
            Node begin = value(graph, interval, BEGINNING);
            Node start = begin == null ? null : value(graph, begin, STAMP);
            if (start != null && since != null && instant(start).isBefore(since)) {
                return false;
            }
            return start == null || !step.boundary(instant(start)) || !step.boundary(instant(end));
        }
        if (since != null && instant(end).isBefore(since)) {
            return false;
        }
        Node property = value(graph, obs, PROPERTY);
        Quantity q = property != null && property.isURI()
                ? quantities.find(property.getURI()).orElse(null)
                : null;
        if (q != null
                && q.kind() == ReadingKind.INSTANTANEOUS_VALUE
                && q.fluid().isPresent()
                && step.length().compareTo(Duration.ofSeconds(1)) > 0) {
            return true; // a sample of a supply, which only a consent to the second keeps
        }
        return !step.boundary(instant(end));
    }

    private static Node value(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private static Instant instant(Node literal) {
        return OffsetDateTime.parse(literal.getLiteralLexicalForm()).toInstant();
    }
}

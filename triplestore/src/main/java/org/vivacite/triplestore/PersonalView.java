package org.vivacite.triplestore;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.compose.MultiUnion;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.vivacite.triplestore.support.JenaQueries;

/**
 * Queries restricted to one subject's graphs (plus the territory), whatever the query says.
 *
 * <p>Isolation by construction: the view copies the allowed graphs out of the store into a dataset
 * of its own and evaluates queries there, so {@code GRAPH ?g}, {@code FROM}/{@code FROM NAMED}
 * naming other graphs, the union default graph, {@code DESCRIBE} and property paths can only ever
 * see the copied graphs. {@code SERVICE} is refused, so a query cannot reach out either. The copy
 * is taken when the view is made: make one per request. Each graph is read once and the dataset
 * links it as its named graph, the default graph being their union (a view, not a second copy). A
 * reader that needs only some predicates makes the view of those only ({@link #of(QuadStore,
 * Collection, Set)}): a year of half-hourly readings is about 310 000 triples with its provenance,
 * and reading and converting them is most of a request's time (docs/benchmarks.md). A reader that
 * knows the nodes it needs makes the view of the triples that match some patterns ({@link
 * #matching}: a meter's day rollups by their IRIs), looked up in each graph. Each query has
 * a time limit ({@link #DEFAULT_TIMEOUT} unless set), after which it stops with a {@link
 * QueryException}.
 */
public final class PersonalView implements SparqlQueries {

    /** The default time limit of one query over a personal view. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final DatasetGraph dataset;
    private final Context context;

    private PersonalView(DatasetGraph dataset, java.time.Duration timeout) {
        this.dataset = dataset;
        this.context = Context.create()
                .set(ARQ.httpServiceAllowed, false)
                .set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
    }

    /** The same view with another time limit per query. */
    public PersonalView withTimeout(java.time.Duration timeout) {
        return new PersonalView(dataset, timeout);
    }

    /**
     * @param store the private store
     * @param graphIris the graphs the subject may see: their own private graph(s) and the territory
     */
    public static PersonalView of(QuadStore store, Collection<String> graphIris) {
        return of(graphIris, store::read);
    }

    public static PersonalView of(QuadStore store, String... graphIris) {
        return of(store, List.of(graphIris));
    }

    /**
     * The view of only those triples of the graphs whose predicate is one of {@code predicateIris}:
     * for a reader whose queries use only these (a pattern with another predicate, or a variable
     * one, matches nothing else).
     */
    public static PersonalView of(QuadStore store, Collection<String> graphIris, Set<String> predicateIris) {
        return of(graphIris, g -> store.read(g, predicateIris));
    }

    /**
     * The view of only those triples of the graphs that match one of the patterns (IRIs, {@code
     * Node.ANY} for any): each graph is looked up on its own ({@link QuadStore#find}), so a
     * pattern reaches no other graph.
     */
    public static PersonalView matching(
            QuadStore store, Collection<String> graphIris, Collection<org.apache.jena.graph.Triple> patterns) {
        return of(graphIris, g -> store.find(g, patterns));
    }

    /**
     * The view of what the views hold, graph by graph (each named graph one copy of the views'
     * triples of it: one graph answers a query's lookups faster than a union of small ones): for a
     * reader that looks up in steps, each step's patterns made from what the previous ones found.
     */
    public static PersonalView union(Collection<PersonalView> views) {
        java.util.Map<Node, Graph> byName = new java.util.LinkedHashMap<>();
        for (PersonalView v : views) {
            v.dataset
                    .listGraphNodes()
                    .forEachRemaining(n -> GraphUtil.addInto(
                            byName.computeIfAbsent(n, k -> GraphFactory.createDefaultGraph()), v.dataset.getGraph(n)));
        }
        List<String> names = byName.keySet().stream().map(Node::getURI).toList();
        return of(names, name -> byName.get(NodeFactory.createURI(name)));
    }

    private static PersonalView of(Collection<String> graphIris, Function<String, Graph> read) {
        List<String> names = graphIris.stream().distinct().toList();
        List<Graph> graphs = names.stream().map(read).toList();
        // the default graph is the union of the visible graphs
        Graph union = graphs.size() == 1 ? graphs.get(0) : new MultiUnion(graphs.toArray(Graph[]::new));
        DatasetGraph dataset = DatasetGraphFactory.createGeneral(union);
        for (int i = 0; i < names.size(); i++) {
            dataset.addGraph(NodeFactory.createURI(names.get(i)), graphs.get(i)); // linked, not copied
        }
        return new PersonalView(dataset, DEFAULT_TIMEOUT);
    }

    @Override
    public SelectResult select(String query) {
        return run(() -> JenaQueries.select(dataset, query, context));
    }

    @Override
    public boolean ask(String query) {
        return run(() -> JenaQueries.ask(dataset, query, context));
    }

    @Override
    public Graph construct(String query) {
        return run(() -> JenaQueries.construct(dataset, query, context));
    }

    private static <T> T run(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (org.apache.jena.query.QueryParseException e) {
            throw new QueryException("SPARQL query does not parse: " + e.getMessage(), e);
        } catch (org.apache.jena.query.QueryCancelledException e) {
            throw new QueryException("query stopped: it ran over its time limit in a personal view", e);
        } catch (org.apache.jena.query.QueryException e) {
            throw new QueryException("query refused in a personal view: " + e.getMessage(), e);
        }
    }
}

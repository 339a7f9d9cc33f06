package org.vivacite.triplestore;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.Context;
import org.vivacite.triplestore.support.JenaQueries;

/**
 * Queries restricted to one subject's graphs (plus the territory), whatever the query says.
 *
 * <p>Isolation by construction: the view copies the allowed graphs out of the store into a dataset
 * of its own and evaluates queries there, so {@code GRAPH ?g}, {@code FROM}/{@code FROM NAMED}
 * naming other graphs, the union default graph, {@code DESCRIBE} and property paths can only ever
 * see the copied graphs. {@code SERVICE} is refused, so a query cannot reach out either. The copy
 * is taken when the view is made: make one per request. One household's data are small (a year of
 * half-hourly readings is about 150 000 triples), which is what makes copying the right trade.
 * Each query has a time limit ({@link #DEFAULT_TIMEOUT} unless set), after which it stops with a
 * {@link QueryException}.
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
        DatasetGraph copy = DatasetGraphFactory.create();
        for (String graphIri : graphIris) {
            Graph graph = store.read(graphIri);
            graph.find().forEach(t -> {
                copy.add(NodeFactory.createURI(graphIri), t.getSubject(), t.getPredicate(), t.getObject());
                copy.getDefaultGraph().add(t); // the default graph is the union of the visible graphs
            });
        }
        return new PersonalView(copy, DEFAULT_TIMEOUT);
    }

    public static PersonalView of(QuadStore store, String... graphIris) {
        return of(store, List.of(graphIris));
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

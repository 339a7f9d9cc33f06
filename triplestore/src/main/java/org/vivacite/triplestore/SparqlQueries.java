package org.vivacite.triplestore;

import org.apache.jena.graph.Graph;

/**
 * Read-only SPARQL 1.1 queries. Every named graph the queries may see is visible through
 * {@code GRAPH}; the default graph is the <em>union</em> of those named graphs, on every adapter.
 * A query that does not parse, or is of the wrong form, raises {@link QueryException} with the
 * parser's message.
 */
public interface SparqlQueries {

    SelectResult select(String query);

    boolean ask(String query);

    /** A CONSTRUCT or DESCRIBE query. */
    Graph construct(String query);

    /**
     * Runs a query for a SPARQL endpoint: hands its execution to {@code results}, which reads the
     * results (a row set, a boolean, triples) as they come, before this method returns. The
     * execution stops when the request's time limit passes. Adapters that cannot stream say so
     * with a {@link QueryException}.
     */
    default void stream(
            QueryRequest request, java.util.function.Consumer<org.apache.jena.sparql.exec.QueryExec> results) {
        throw new QueryException("this store (" + getClass().getSimpleName()
                + ") cannot serve a SPARQL endpoint: give the public store the kind tdb2 or remote");
    }
}

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
}

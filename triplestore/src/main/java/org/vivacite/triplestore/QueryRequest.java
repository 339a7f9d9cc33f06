package org.vivacite.triplestore;

import java.time.Duration;
import java.util.List;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.util.Context;

/**
 * One read-only query as a SPARQL endpoint receives it.
 *
 * @param query the parsed query
 * @param defaultGraphs the protocol's {@code default-graph-uri}s: the default graph is their merge
 *     (empty: the query's own {@code FROM}, else the union of every named graph)
 * @param namedGraphs the protocol's {@code named-graph-uri}s (empty: the query's own {@code FROM
 *     NAMED}, else every named graph)
 * @param timeout the time after which the query is stopped, whatever it is doing
 * @param context settings added to the execution's context (such as a SERVICE policy)
 */
public record QueryRequest(
        Query query, List<String> defaultGraphs, List<String> namedGraphs, Duration timeout, Context context) {

    public QueryRequest {
        defaultGraphs = List.copyOf(defaultGraphs);
        namedGraphs = List.copyOf(namedGraphs);
        context = context == null ? Context.create() : context;
    }

    /** Whether the request names its own dataset (protocol parameters or FROM / FROM NAMED). */
    public boolean hasDataset() {
        return !defaultGraphs.isEmpty() || !namedGraphs.isEmpty() || query.hasDatasetDescription();
    }
}

package org.vivacite.triplestore.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.vivacite.triplestore.SelectResult;

/** SPARQL over a Jena dataset, results fully read (so they outlive any transaction). */
public final class JenaQueries {

    private JenaQueries() {}

    public static SelectResult select(DatasetGraph dataset, String query, Context context) {
        try (QueryExec exec = exec(dataset, query, context)) {
            return read(exec.select());
        }
    }

    /**
     * Reads every row. Values are looked up per projected variable with {@link Binding#get}, which
     * also searches parent bindings (property functions such as {@code text:query} produce them).
     */
    public static SelectResult read(RowSet rows) {
        List<Var> vars = rows.getResultVars();
        List<Map<String, Node>> list = new ArrayList<>();
        while (rows.hasNext()) {
            Binding b = rows.next();
            Map<String, Node> row = new LinkedHashMap<>();
            for (Var v : vars) {
                Node value = b.get(v);
                if (value != null) {
                    row.put(v.getVarName(), value);
                }
            }
            list.add(row);
        }
        return new SelectResult(vars.stream().map(Var::getVarName).toList(), list);
    }

    public static boolean ask(DatasetGraph dataset, String query, Context context) {
        try (QueryExec exec = exec(dataset, query, context)) {
            return exec.ask();
        }
    }

    public static Graph construct(DatasetGraph dataset, String query, Context context) {
        try (QueryExec exec = exec(dataset, query, context)) {
            Graph graph = GraphFactory.createDefaultGraph();
            var q = exec.getQuery();
            (q.isDescribeType() ? exec.describeTriples() : exec.constructTriples()).forEachRemaining(graph::add);
            return graph;
        }
    }

    public static void update(DatasetGraph dataset, String update, Context context) {
        var builder = UpdateExec.dataset(dataset).update(update);
        context.keys().forEach(k -> builder.set(k, context.get(k)));
        builder.execute();
    }

    /**
     * Adds the given settings on top of the dataset's own context (never replaces it: jena-text and
     * GeoSPARQL find their indexes there).
     */
    private static QueryExec exec(DatasetGraph dataset, String query, Context context) {
        QueryExecBuilder builder = QueryExec.dataset(dataset).query(query);
        context.keys().forEach(k -> builder.set(k, context.get(k)));
        return builder.build();
    }
}

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
            RowSet rows = exec.select();
            List<String> vars =
                    rows.getResultVars().stream().map(Var::getVarName).toList();
            List<Map<String, Node>> list = new ArrayList<>();
            while (rows.hasNext()) {
                Binding b = rows.next();
                Map<String, Node> row = new LinkedHashMap<>();
                b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
                list.add(row);
            }
            return new SelectResult(vars, list);
        }
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
        UpdateExec.dataset(dataset).update(update).context(context).execute();
    }

    private static QueryExec exec(DatasetGraph dataset, String query, Context context) {
        QueryExecBuilder builder = QueryExec.dataset(dataset).query(query).context(context);
        return builder.build();
    }
}

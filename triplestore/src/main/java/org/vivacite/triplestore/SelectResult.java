package org.vivacite.triplestore;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;

/**
 * The answer to a SELECT query, engine-neutral and fully read.
 *
 * @param vars the projected variables, in order
 * @param rows one map per solution from variable name to value; unbound variables are absent
 */
public record SelectResult(List<String> vars, List<Map<String, Node>> rows) {

    public SelectResult {
        vars = List.copyOf(vars);
        rows = rows.stream().map(Map::copyOf).toList();
    }
}

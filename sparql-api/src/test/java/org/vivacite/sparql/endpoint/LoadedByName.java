package org.vivacite.sparql.endpoint;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionBase1;

/**
 * A function class a query could name as {@code <java:org.vivacite.sparql.endpoint.LoadedByName>}:
 * it counts its instances, so a test can tell whether a query made the engine load it.
 */
public class LoadedByName extends FunctionBase1 {

    static final AtomicInteger CREATED = new AtomicInteger();

    public LoadedByName() {
        CREATED.incrementAndGet();
    }

    @Override
    public NodeValue exec(NodeValue value) {
        return NodeValue.makeString("loaded");
    }

    /** The instances made so far. */
    static int created() {
        return CREATED.get();
    }
}

package org.vivacite.triplestore;

import org.apache.jena.graph.Graph;

/** Test helpers shared outside the contract suite's package. */
public final class QuadStoreContractTestSupport {

    private QuadStoreContractTestSupport() {}

    public static Graph parse(String turtle) {
        return QuadStoreContractTest.parse(turtle);
    }
}

package org.vivacite.sparql.linkeddata;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * The graphs the Graph Store Protocol serves by name: the named graphs of the public store, never a
 * private one (which the public store refuses anyway).
 */
@Component
class PublicGraphs {

    private final QuadStore store;
    private final GraphNames graphs;

    PublicGraphs(@Qualifier("publicStore") QuadStore store, GraphNames graphs) {
        this.store = store;
        this.graphs = graphs;
    }

    /** Whether the public store has this named graph (a private one never is). */
    boolean isPublic(String graphIri) {
        return Iris.isAbsolute(graphIri)
                && !graphs.isPrivate(graphIri)
                && store.ask("ASK { GRAPH <" + graphIri + "> { ?s ?p ?o } }");
    }
}

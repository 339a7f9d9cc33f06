package org.vivacite.sparql.linkeddata;

import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * The graphs the Graph Store Protocol serves: the named graphs of the public store, never a private
 * one (which the public store refuses anyway), and their union as the default graph.
 */
@Component
class PublicGraphs {

    private final QuadStore store;
    private final GraphNames graphs;

    PublicGraphs(@Qualifier("publicStore") QuadStore store, GraphNames graphs) {
        this.store = store;
        this.graphs = graphs;
    }

    /** The named graph, or empty when the store has no such graph or it is a private one. */
    Optional<Graph> named(String graphIri) {
        if (!Iris.isAbsolute(graphIri)
                || graphs.isPrivate(graphIri)
                || !store.ask("ASK { GRAPH <" + graphIri + "> { ?s ?p ?o } }")) {
            return Optional.empty();
        }
        return Optional.of(ResourceDescriptions.withPrefixes(store.read(graphIri)));
    }

    /** The default graph: the union of every public named graph. */
    Graph union() {
        Graph union = GraphFactory.createDefaultGraph();
        union.getPrefixMapping().setNsPrefixes(Namespaces.prefixes());
        store.statistics().keySet().stream()
                .filter(g -> !graphs.isPrivate(g))
                .sorted()
                .forEach(g -> store.read(g).find().forEach(union::add));
        return union;
    }
}

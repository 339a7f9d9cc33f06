package org.vivacite.sparql.linkeddata;

import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.sparql.endpoint.PublicQueries;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * What the public store says about one resource, and the vocabulary. Reads the public store only,
 * so a private IRI has no description here, exactly like an IRI nobody minted.
 */
@Component
class ResourceDescriptions {

    /**
     * The resource's triples, its geometries' triples, and the labels ({@code rdfs:label}, and
     * {@code skos:prefLabel} for concepts) of the IRIs it links to, for pages to show. The default
     * graph of the store is the union of its graphs.
     */
    private static final String DESCRIBE = """
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            CONSTRUCT { <%1$s> ?p ?o . ?geometry ?gp ?go . ?linked ?labelled ?label . }
            WHERE {
              { <%1$s> ?p ?o }
              UNION { <%1$s> geo:hasGeometry ?geometry . ?geometry ?gp ?go }
              UNION { <%1$s> ?lp ?linked . FILTER(isIRI(?linked))
                      VALUES ?labelled { rdfs:label skos:prefLabel } ?linked ?labelled ?label }
            }
            """;

    private final QuadStore store;
    private final GraphNames graphs;
    private final PublicQueries queries;

    ResourceDescriptions(@Qualifier("publicStore") QuadStore store, GraphNames graphs, PublicQueries queries) {
        this.store = store;
        this.graphs = graphs;
        this.queries = queries;
    }

    /**
     * The description of the resource, or empty when the public store has no triple about it. Read
     * under the limits of every public query (PublicQueries), in a slot of this client.
     *
     * @throws org.vivacite.sparql.SparqlException when a limit stops it
     */
    Optional<Graph> describe(String iri, String client) {
        if (!Iris.isAbsolute(iri)) {
            return Optional.empty();
        }
        Graph found = queries.graph(DESCRIBE.formatted(iri), client);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withPrefixes(found));
    }

    /** The ontology and quantity registry, as the public store holds them. */
    Graph vocabulary() {
        return withPrefixes(store.read(graphs.vocabulary()));
    }

    /** A copy with the platform's prefixes, which Turtle, JSON-LD and RDF/XML writers use. */
    static Graph withPrefixes(Graph graph) {
        Graph copy = GraphFactory.createDefaultGraph();
        copy.getPrefixMapping().setNsPrefixes(Namespaces.prefixes());
        graph.find().forEach(copy::add);
        return copy;
    }
}

package org.vivacite.sparql.endpoint;

import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * What the endpoint says about itself: a SPARQL 1.1 Service Description (at {@code GET /sparql}
 * without a query) and a VoID description of the public data ({@code /.well-known/void}), both
 * made from the public store's named graphs and their sizes.
 */
final class Descriptions {

    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";

    private static final String[] RESULT_FORMATS = {
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "N-Triples", "JSON-LD", "RDF_XML"
    };

    private Descriptions() {}

    /**
     * @param graphs the public store's named graphs and their triple counts
     * @param federation whether SERVICE may call partner endpoints
     */
    static Graph serviceDescription(String base, Map<String, Long> graphs, boolean federation) {
        Graph g = graph();
        Node service = iri(base + "sparql#service");
        add(g, service, RDF.type.asNode(), sd("Service"));
        add(g, service, sd("endpoint"), iri(base + "sparql"));
        add(g, service, sd("supportedLanguage"), sd("SPARQL11Query"));
        for (String f : RESULT_FORMATS) {
            add(g, service, sd("resultFormat"), iri(FORMATS + f));
        }
        add(g, service, sd("feature"), sd("UnionDefaultGraph"));
        if (federation) {
            add(g, service, sd("feature"), sd("BasicFederatedQuery"));
        }
        Node dataset = iri(base + "sparql#dataset");
        add(g, service, sd("defaultDataset"), dataset);
        add(g, dataset, RDF.type.asNode(), sd("Dataset"));
        Node defaultGraph = iri(base + "sparql#default-graph");
        add(g, dataset, sd("defaultGraph"), defaultGraph);
        add(g, defaultGraph, RDF.type.asNode(), sd("Graph"));
        add(
                g,
                defaultGraph,
                voidTerm("triples"),
                count(graphs.values().stream().mapToLong(Long::longValue).sum()));
        int i = 0;
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(graphs).entrySet()) {
            Node named = iri(base + "sparql#graph-" + i);
            Node inner = iri(base + "sparql#graph-" + i + "-content");
            i++;
            add(g, dataset, sd("namedGraph"), named);
            add(g, named, RDF.type.asNode(), sd("NamedGraph"));
            add(g, named, sd("name"), iri(e.getKey()));
            add(g, named, sd("graph"), inner);
            add(g, inner, RDF.type.asNode(), sd("Graph"));
            add(g, inner, voidTerm("triples"), count(e.getValue()));
        }
        return g;
    }

    static Graph voidDescription(String base, Map<String, Long> graphs) {
        Graph g = graph();
        Node dataset = iri(base + ".well-known/void#public");
        add(g, dataset, RDF.type.asNode(), voidTerm("Dataset"));
        add(
                g,
                dataset,
                iri(Namespaces.DCT + "title"),
                NodeFactory.createLiteralLang("Données ouvertes VivaCité", "fr"));
        add(g, dataset, iri(Namespaces.DCT + "title"), NodeFactory.createLiteralLang("VivaCité open data", "en"));
        add(g, dataset, voidTerm("sparqlEndpoint"), iri(base + "sparql"));
        add(g, dataset, voidTerm("uriSpace"), NodeFactory.createLiteralString(base + "id/"));
        add(
                g,
                dataset,
                voidTerm("triples"),
                count(graphs.values().stream().mapToLong(Long::longValue).sum()));
        for (String vocabulary : new String[] {
            Namespaces.VC, Namespaces.SOSA, Namespaces.SAREF, Namespaces.GEO, Namespaces.SKOS, Namespaces.QB
        }) {
            add(g, dataset, voidTerm("vocabulary"), iri(vocabulary));
        }
        for (String f : new String[] {"Turtle", "N-Triples", "JSON-LD", "RDF_XML"}) {
            add(g, dataset, voidTerm("feature"), iri(FORMATS + f));
        }
        graphs.forEach((name, size) -> {
            Node subset = iri(name);
            add(g, dataset, voidTerm("subset"), subset);
            add(g, subset, RDF.type.asNode(), voidTerm("Dataset"));
            add(g, subset, voidTerm("triples"), count(size));
            add(g, subset, voidTerm("sparqlEndpoint"), iri(base + "sparql"));
        });
        return g;
    }

    private static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("sd", SD).setNsPrefix("void", VOID).setNsPrefix("dct", Namespaces.DCT);
        return g;
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node sd(String local) {
        return iri(SD + local);
    }

    private static Node voidTerm(String local) {
        return iri(VOID + local);
    }

    private static Node count(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}

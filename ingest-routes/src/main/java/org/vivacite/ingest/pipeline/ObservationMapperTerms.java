package org.vivacite.ingest.pipeline;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sys.JenaSystem;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The terms the pipeline looks observations up by. */
final class ObservationMapperTerms {
    static {
        // Jena first: its vocabulary classes read before its initialisation come out null (RDF.Alt),
        // and then every later use of Jena in the JVM fails.
        JenaSystem.init();
    }

    static final Node TYPE = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    static final Node OBSERVATION = NodeFactory.createURI(Namespaces.SOSA + "Observation");
    static final Node RESULT = NodeFactory.createURI(Namespaces.SOSA + "hasSimpleResult");

    private ObservationMapperTerms() {}
}

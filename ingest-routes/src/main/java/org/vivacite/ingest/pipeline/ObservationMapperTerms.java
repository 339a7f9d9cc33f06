package org.vivacite.ingest.pipeline;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The terms the pipeline looks observations up by. */
final class ObservationMapperTerms {
    static final Node TYPE = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    static final Node OBSERVATION = NodeFactory.createURI(Namespaces.SOSA + "Observation");
    static final Node RESULT = NodeFactory.createURI(Namespaces.SOSA + "hasSimpleResult");

    private ObservationMapperTerms() {}
}

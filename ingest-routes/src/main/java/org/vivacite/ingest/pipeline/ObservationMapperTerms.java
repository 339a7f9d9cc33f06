package org.vivacite.ingest.pipeline;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The terms the pipeline looks observations up by. */
final class ObservationMapperTerms {
    static final Node TYPE = RDF.type.asNode();
    static final Node OBSERVATION = NodeFactory.createURI(Namespaces.SOSA + "Observation");

    private ObservationMapperTerms() {}
}

package org.vivacite.ontology.vocabulary;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** W3C SOSA terms the platform writes (https://www.w3.org/TR/vocab-ssn/). */
public final class SOSA {

    public static final String NS = Namespaces.SOSA;

    public static final Resource Observation = resource("Observation");
    public static final Resource Sensor = resource("Sensor");
    public static final Resource ObservableProperty = resource("ObservableProperty");

    public static final Property madeBySensor = property("madeBySensor");
    public static final Property observes = property("observes");
    public static final Property observedProperty = property("observedProperty");
    public static final Property hasFeatureOfInterest = property("hasFeatureOfInterest");
    public static final Property hasSimpleResult = property("hasSimpleResult");
    public static final Property resultTime = property("resultTime");
    public static final Property phenomenonTime = property("phenomenonTime");

    private SOSA() {}

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }
}

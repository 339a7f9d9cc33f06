package org.vivacite.ontology.vocabulary;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** ETSI SAREF terms the platform writes: core, SAREF4WATR and SAREF4BLDG. */
public final class SAREF {

    public static final Resource Measurement = ResourceFactory.createResource(Namespaces.SAREF + "Measurement");
    public static final Resource Meter = ResourceFactory.createResource(Namespaces.SAREF + "Meter");
    public static final Resource Electricity = ResourceFactory.createResource(Namespaces.SAREF + "Electricity");
    public static final Resource Gas = ResourceFactory.createResource(Namespaces.SAREF + "Gas");
    public static final Resource Water = ResourceFactory.createResource(Namespaces.SAREF + "Water");
    public static final Property isMeasuredIn = ResourceFactory.createProperty(Namespaces.SAREF, "isMeasuredIn");

    public static final Resource WaterMeter = ResourceFactory.createResource(Namespaces.S4WATR + "WaterMeter");

    public static final Resource Building = ResourceFactory.createResource(Namespaces.S4BLDG + "Building");
    public static final Resource BuildingSpace = ResourceFactory.createResource(Namespaces.S4BLDG + "BuildingSpace");
    public static final Resource BuildingDevice = ResourceFactory.createResource(Namespaces.S4BLDG + "BuildingDevice");
    public static final Property isSpaceOf = ResourceFactory.createProperty(Namespaces.S4BLDG, "isSpaceOf");
    public static final Property isContainedIn = ResourceFactory.createProperty(Namespaces.S4BLDG, "isContainedIn");

    private SAREF() {}
}

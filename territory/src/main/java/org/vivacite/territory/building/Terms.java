package org.vivacite.territory.building;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The standard terms these readers write besides {@code vc:} ones (GeoSPARQL, SAREF4BLDG, SAREF). */
final class Terms {

    static final Resource FEATURE = ResourceFactory.createResource(Namespaces.GEO + "Feature");
    static final Resource GEOMETRY = ResourceFactory.createResource(Namespaces.GEO + "Geometry");
    static final Property HAS_GEOMETRY = ResourceFactory.createProperty(Namespaces.GEO, "hasGeometry");
    static final Property AS_WKT = ResourceFactory.createProperty(Namespaces.GEO, "asWKT");
    static final RDFDatatype WKT = TypeMapper.getInstance().getSafeTypeByName(Namespaces.GEO + "wktLiteral");

    static final Resource BUILDING = ResourceFactory.createResource(Namespaces.S4BLDG + "Building");
    static final Property IS_SPACE_OF = ResourceFactory.createProperty(Namespaces.S4BLDG, "isSpaceOf");

    static final Resource ELECTRICITY = ResourceFactory.createResource(Namespaces.SAREF + "Electricity");
    static final Resource GAS = ResourceFactory.createResource(Namespaces.SAREF + "Gas");

    private Terms() {}
}

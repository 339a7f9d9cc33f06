package org.vivacite.territory.area;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.VC;

/** The areas as the territory model describes them (docs/ontology.md): IRIs, codes, labels, geometries. */
final class Areas {

    static final Pattern INSEE = Pattern.compile("([0-9]{2}|2A|2B)[0-9]{3}");
    static final Pattern IRIS = Pattern.compile("([0-9]{2}|2A|2B)[0-9]{3}[0-9]{4}");
    static final Pattern SIREN = Pattern.compile("[0-9]{9}");

    static final Property HAS_GEOMETRY = property(Namespaces.GEO + "hasGeometry");
    static final Property AS_WKT = property(Namespaces.GEO + "asWKT");
    static final Resource GEOMETRY =
            org.apache.jena.rdf.model.ResourceFactory.createResource(Namespaces.GEO + "Geometry");

    private Areas() {}

    static Resource metropolis(Model m, String base, String siren) {
        return m.createResource(base + "id/metropolis/" + siren);
    }

    static Resource commune(Model m, String base, String insee) {
        return m.createResource(base + "id/commune/" + insee);
    }

    static Resource district(Model m, String base, String iris) {
        return m.createResource(base + "id/district/" + iris);
    }

    /** Types the area and gives it its code and (unless it has one) its name. */
    static void describe(Resource area, Resource type, String code, Resource codeType, String name) {
        area.addProperty(RDF.type, type);
        area.addLiteral(SKOS.notation, area.getModel().createTypedLiteral(code, codeType.getURI()));
        if (!area.hasProperty(RDFS.label)) {
            area.addProperty(RDFS.label, name, "fr");
        }
    }

    /** Replaces the area's geometry with this WKT (WGS 84, longitude first). */
    static void geometry(Resource area, String wkt) {
        Model m = area.getModel();
        Resource geometry = m.createResource(area.getURI() + "/geometry");
        m.removeAll(geometry, AS_WKT, null);
        area.addProperty(HAS_GEOMETRY, geometry);
        geometry.addProperty(RDF.type, GEOMETRY);
        geometry.addLiteral(AS_WKT, wkt(m, wkt));
    }

    static Literal wkt(Model m, String wkt) {
        return m.createTypedLiteral(wkt, TypeMapper.getInstance().getSafeTypeByName(Namespaces.GEO + "wktLiteral"));
    }

    /** Removes an area and its geometry. */
    static void remove(Resource area) {
        Model m = area.getModel();
        m.listObjectsOfProperty(area, HAS_GEOMETRY).toList().forEach(g -> m.removeAll(g.asResource(), null, null));
        m.removeAll(area, null, null);
    }

    /** The areas of a type in the draft, in IRI order. */
    static List<Resource> all(Model m, Resource type) {
        return m.listSubjectsWithProperty(RDF.type, type).toList().stream()
                .sorted(java.util.Comparator.comparing(Resource::getURI))
                .toList();
    }

    /** The area's code (its skos:notation). */
    static String code(Resource area) {
        return area.getRequiredProperty(SKOS.notation).getString();
    }

    static boolean isPartOf(Resource area) {
        return area.hasProperty(VC.partOf);
    }

    /** The first bytes of a file as text, for recognising it. */
    static String text(byte[] head) {
        return new String(head, StandardCharsets.UTF_8);
    }

    private static Property property(String iri) {
        return org.apache.jena.rdf.model.ResourceFactory.createProperty(iri);
    }
}

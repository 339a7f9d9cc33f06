package org.vivacite.territory.building;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;

/**
 * The territory's communes and IRIS as the earlier stages left them in the draft, indexed for
 * point-in-polygon placement (JTS, WGS 84 longitude/latitude, as {@code geo:asWKT} holds them).
 */
final class Places {

    /** An IRIS, its commune's INSEE code and its polygon. */
    record Iris(String code, String commune, Resource district, PreparedGeometry area) {}

    static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** The CRS IRI a GeoSPARQL WKT literal may start with for WGS 84 longitude/latitude. */
    private static final String CRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>";

    private final STRtree index = new STRtree();
    private final Set<String> communes = new HashSet<>();
    private final int size;

    private Places(Model territory) {
        territory.listResourcesWithProperty(RDF.type, VC.Commune).forEachRemaining(c -> {
            String code = notation(c, VC.InseeCommuneCode);
            if (code != null) {
                communes.add(code);
            }
        });
        int n = 0;
        for (Resource district :
                territory.listResourcesWithProperty(RDF.type, VC.District).toList()) {
            String code = notation(district, VC.IrisCode);
            Statement wkt = district.getProperty(Terms.HAS_GEOMETRY) == null
                    ? null
                    : district.getPropertyResourceValue(Terms.HAS_GEOMETRY).getProperty(Terms.AS_WKT);
            if (code == null || wkt == null) {
                continue;
            }
            Geometry area = wkt(wkt.getLiteral().getLexicalForm(), "IRIS " + code);
            index.insert(
                    area.getEnvelopeInternal(),
                    new Iris(code, code.substring(0, 5), district, PreparedGeometryFactory.prepare(area)));
            n++;
        }
        size = n;
    }

    /** The places of the draft, indexed on first use by the readers of one import. */
    static Places of(TerritoryDraft draft) {
        return draft.shared(Places.class, () -> new Places(draft.territory()));
    }

    /** Whether the territory has a commune of that INSEE code. */
    boolean hasCommune(String insee) {
        return communes.contains(insee);
    }

    /** How many IRIS polygons the territory has. */
    int irisCount() {
        return size;
    }

    /** The IRIS whose polygon contains the point (boundary included), in code order. */
    List<Iris> containing(Point point) {
        List<Iris> found = new ArrayList<>();
        for (Object o : index.query(new Envelope(point.getCoordinate()))) {
            Iris iris = (Iris) o;
            if (iris.area().covers(point)) {
                found.add(iris);
            }
        }
        found.sort(Comparator.comparing(Iris::code));
        return found;
    }

    static Point point(double lon, double lat) {
        return GEOMETRY.createPoint(new Coordinate(lon, lat));
    }

    /**
     * A geometry from WKT, with or without a GeoSPARQL CRS84 IRI before it.
     *
     * @throws TerritoryException naming {@code what} if it is not WKT
     */
    static Geometry wkt(String text, String what) {
        String body = text.strip();
        if (body.startsWith(CRS84)) {
            body = body.substring(CRS84.length()).strip();
        } else if (body.startsWith("<")) {
            throw new TerritoryException(what + ": geometry in a CRS other than WGS 84 longitude/latitude: "
                    + body.substring(0, body.indexOf('>') + 1));
        }
        try {
            return new WKTReader(GEOMETRY).read(body);
        } catch (ParseException e) {
            throw new TerritoryException(what + ": not a WKT geometry (" + e.getMessage() + ")");
        }
    }

    static String notation(Resource r, Resource datatype) {
        for (Statement s : r.listProperties(SKOS.notation).toList()) {
            RDFNode o = s.getObject();
            if (o.isLiteral() && datatype.getURI().equals(((Literal) o).getDatatypeURI())) {
                return o.asLiteral().getLexicalForm();
            }
        }
        return null;
    }
}

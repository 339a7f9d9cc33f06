package org.vivacite.territory.building;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;

/**
 * Writes streets and buildings into the draft's territory graph, placing each building: in the
 * IRIS its point lies in, among those of the commune of its BAN address; on the street of that
 * address (the street's part in that IRIS); in the commune of the IRIS. What it cannot place it
 * reports by RNB id; a building whose point lies only in IRIS of another commune than its
 * address's is an error naming it.
 */
final class BuildingWriter {

    /** An RNB id: 12 characters of 1-9 and A-Z without I, L, O and U. */
    static final Pattern RNB_ID = Pattern.compile("^[1-9A-HJKMNP-TV-Z]{12}$");

    /** What a building row gives. */
    record Candidate(String rnb, Geometry shape, Point point, List<String> addresses) {}

    private final TerritoryDraft draft;
    private final Model territory;
    private final Places places;
    private final Addresses addresses;

    private BuildingWriter(TerritoryDraft draft) {
        this.draft = draft;
        this.territory = draft.territory();
        this.places = Places.of(draft);
        this.addresses = Addresses.of(draft);
    }

    static BuildingWriter of(TerritoryDraft draft) {
        return draft.shared(BuildingWriter.class, () -> new BuildingWriter(draft));
    }

    /** The street's part in an IRIS, {@code id/street/{code}/{iris}}, made on first use. */
    Resource street(String code, String name, Places.Iris iris) {
        Resource street = territory.createResource(draft.base() + "id/street/" + code + "/" + iris.code());
        if (!territory.contains(street, RDF.type, VC.Street)) {
            street.addProperty(RDF.type, VC.Street)
                    .addProperty(RDFS.label, name, "fr")
                    .addProperty(SKOS.notation, territory.createTypedLiteral(code, VC.BanStreetCode.getURI()))
                    .addProperty(VC.partOf, iris.district());
        }
        return street;
    }

    /** The building of that RNB id if the draft has it, else null. */
    Resource existing(String rnb) {
        Resource building = territory.createResource(draft.base() + "id/building/" + rnb);
        return territory.contains(building, RDF.type, Terms.BUILDING) ? building : null;
    }

    /**
     * Places a building read at {@code row}, replacing an earlier placement of it (a re-import),
     * or reports it unplaced.
     *
     * @return whether it was placed
     */
    boolean place(Table.Row row, Candidate c) {
        String file = row.file().getFileName().toString();
        List<Addresses.Address> known = new ArrayList<>();
        for (String key : c.addresses()) {
            Addresses.Address a = addresses.get(key);
            if (a != null) {
                known.add(a);
            }
        }
        Point point = c.point() != null
                ? c.point()
                : c.shape() != null
                        ? c.shape().getInteriorPoint()
                        : known.isEmpty()
                                ? null
                                : Places.point(known.get(0).lon(), known.get(0).lat());
        List<Places.Iris> in = point == null ? List.of() : places.containing(point);
        if (known.isEmpty()) {
            if (!in.isEmpty() || ours(c)) {
                draft.unplaced(
                        file,
                        c.rnb(),
                        c.addresses().isEmpty()
                                ? "no BAN address"
                                : "BAN address " + String.join(", ", c.addresses()) + " not in the BAN file");
            }
            return false;
        }
        Addresses.Address address = known.get(0);
        if (point == null) {
            draft.unplaced(file, c.rnb(), "no point, shape or located address");
            return false;
        }
        List<Places.Iris> ofCommune =
                in.stream().filter(i -> i.commune().equals(address.insee())).toList();
        if (ofCommune.isEmpty() && !in.isEmpty()) {
            throw row.error("building " + c.rnb() + " is outside every IRIS of its commune " + address.insee()
                    + " (its address " + address.key() + "): its point " + point + " lies in IRIS "
                    + in.stream().map(Places.Iris::code).toList());
        }
        if (ofCommune.isEmpty()) {
            draft.unplaced(file, c.rnb(), "point " + point + " in no IRIS of the territory");
            return false;
        }
        if (ofCommune.size() > 1) {
            draft.unplaced(
                    file,
                    c.rnb(),
                    "point " + point + " in several IRIS: "
                            + ofCommune.stream().map(Places.Iris::code).toList());
            return false;
        }
        Places.Iris iris = ofCommune.get(0);
        write(c, address, street(address.street(), address.streetName(), iris), c.shape() != null ? c.shape() : point);
        known.forEach(a -> addresses.building(a.key(), c.rnb()));
        return true;
    }

    /** Whether one of the building's addresses is in a commune of the territory. */
    boolean ours(Candidate c) {
        return c.addresses().stream().anyMatch(k -> k.length() >= 5 && places.hasCommune(k.substring(0, 5)));
    }

    private void write(Candidate c, Addresses.Address address, Resource street, Geometry geometry) {
        Resource building = territory.createResource(draft.base() + "id/building/" + c.rnb());
        Resource shape = territory.createResource(building.getURI() + "/geometry");
        // A re-placed building keeps what other files said of it (use, floor area), not its old place.
        if (territory.contains(shape, RDF.type)) {
            territory.removeAll(building, VC.partOf, null);
            territory.removeAll(building, RDFS.label, null);
            territory.removeAll(shape, null, null);
            for (Statement s : building.listProperties(SKOS.notation).toList()) {
                if (s.getObject().isLiteral()
                        && VC.BanAddressKey.getURI().equals(((Literal) s.getObject()).getDatatypeURI())) {
                    s.remove();
                }
            }
        }
        building.addProperty(RDF.type, Terms.BUILDING)
                .addProperty(RDF.type, Terms.FEATURE)
                .addProperty(RDFS.label, address.label(), "fr")
                .addProperty(SKOS.notation, territory.createTypedLiteral(c.rnb(), VC.RnbId.getURI()))
                .addProperty(SKOS.notation, territory.createTypedLiteral(address.key(), VC.BanAddressKey.getURI()))
                .addProperty(VC.partOf, street)
                .addProperty(Terms.HAS_GEOMETRY, shape);
        shape.addProperty(RDF.type, Terms.GEOMETRY)
                .addProperty(Terms.AS_WKT, territory.createTypedLiteral(new WKTWriter().write(geometry), Terms.WKT));
    }

    /** Checks an RNB id cell. */
    static String rnb(Table.Row row, String column) {
        String rnb = row.get(column);
        if (!RNB_ID.matcher(rnb).matches()) {
            throw row.error(
                    column + " '" + rnb + "' is not an RNB id (12 characters of 1-9 and A-Z without I, L, O, U)");
        }
        return rnb;
    }

    static TerritoryException twice(Table.Row row, String rnb, long first) {
        return row.error("building " + rnb + " again (first on line " + first + ")");
    }
}

package org.vivacite.territory.area;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.SKOS;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;

/**
 * The districts (IRIS) of IGN's CONTOURS-IRIS, whatever the file format: their code, commune, name
 * and polygon in WGS 84, with the millésime of the contours ({@code dct:valid}); and, once all are
 * read, the outlines of the communes and EPCI as the union of their districts.
 */
final class Districts {

    static final GeometryFactory FACTORY = new GeometryFactory();

    /** A year in a file or layer name, as IGN writes the millésime ({@code …_FXX-2020}, {@code …_2024-01-01}). */
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(19|20)[0-9]{2}(?![0-9])");

    /** Column names: CONTOURS-IRIS 2.x (upper case), then 3.x. */
    private static final List<String> CODE = List.of("code_iris");

    private static final List<String> COMMUNE = List.of("insee_com", "code_insee");
    private static final List<String> NAME = List.of("nom_iris");

    private Districts() {}

    /** The millésime from the first of the names that carries a year, else an error naming the file. */
    static String millesime(Path file, String... names) {
        for (String name : names) {
            if (name == null) {
                continue;
            }
            Matcher m = YEAR.matcher(name);
            if (m.find()) {
                return m.group();
            }
        }
        throw TerritoryException.at(
                file,
                "name",
                "no millésime (year) in the file's name: keep IGN's name, which ends with it"
                        + " (CONTOURS-IRIS_2-1_SHP_LAMB93_FXX-2020), or add the year to the name");
    }

    /** Whether the lower-case column names are those of IRIS contours. */
    static boolean isIris(java.util.Collection<String> columns) {
        return columns.stream().anyMatch(CODE::contains)
                && columns.stream().anyMatch(COMMUNE::contains)
                && columns.stream().anyMatch(NAME::contains);
    }

    /** Counts what a file brings, for its note. */
    static final class Tally {
        int added;
        int outside;

        void note(TerritoryDraft draft, Path file, String millesime) {
            draft.note(
                    file.getFileName().toString(),
                    added + " IRIS of millésime " + millesime + " in the territory, " + outside
                            + " outside it (their commune is in no EPCI of the import)");
        }
    }

    /**
     * Adds one district.
     *
     * @param where the feature, for errors ("feature 12")
     * @param fields its attributes, by lower-case name
     * @param wgs84 its polygon in WGS 84
     */
    static void add(
            TerritoryDraft draft,
            Path file,
            String where,
            Map<String, Object> fields,
            Geometry wgs84,
            String millesime,
            Tally tally) {
        String code = field(fields, CODE, file, where);
        String insee = field(fields, COMMUNE, file, where);
        String name = field(fields, NAME, file, where);
        if (!Areas.IRIS.matcher(code).matches()) {
            throw TerritoryException.at(
                    file,
                    where,
                    "CODE_IRIS '" + code + "' is not an IRIS code (9 characters: commune code + 4 digits)");
        }
        if (!code.startsWith(insee)) {
            throw TerritoryException.at(
                    file, where, "IRIS " + code + " is not in its commune " + insee + " (its code must start with it)");
        }
        if (!(wgs84 instanceof Polygon || wgs84 instanceof MultiPolygon) || wgs84.isEmpty()) {
            throw TerritoryException.at(
                    file,
                    where + " (IRIS " + code + ")",
                    "the geometry is a " + wgs84.getGeometryType() + ", not a polygon");
        }
        Model m = draft.territory();
        Resource commune = Areas.commune(m, draft.base(), insee);
        if (!Areas.isPartOf(commune)) {
            tally.outside++;
            return;
        }
        Resource district = Areas.district(m, draft.base(), code);
        if (district.hasProperty(SKOS.notation)) {
            throw TerritoryException.at(file, where, "IRIS " + code + " is given twice");
        }
        Areas.describe(district, VC.District, code, VC.IrisCode, name.isEmpty() ? code : name);
        district.addProperty(VC.partOf, commune);
        district.addLiteral(DCTerms.valid, m.createTypedLiteral(millesime, XSDDatatype.XSDgYear));
        Areas.geometry(district, new WKTWriter().write(wgs84));
        tally.added++;
    }

    private static String field(Map<String, Object> fields, List<String> names, Path file, String where) {
        for (String name : names) {
            Object value = fields.get(name);
            if (value != null) {
                return value.toString().strip();
            }
        }
        throw TerritoryException.at(file, where, "no " + names.get(0).toUpperCase(Locale.ROOT) + " attribute");
    }

    /**
     * Gives each commune of the territory the union of its districts as outline, and each EPCI the
     * union of its communes'. A commune without any district, or an EPCI without any commune left,
     * is reported and left out: its outline would be a guess.
     */
    static void outlines(TerritoryDraft draft) {
        Model m = draft.territory();
        for (Resource commune : Areas.all(m, VC.Commune)) {
            List<Geometry> parts = parts(m, commune, VC.District);
            if (parts.isEmpty()) {
                draft.unplaced(
                        "IRIS contours",
                        Areas.code(commune),
                        "commune with no IRIS in the contours imported: left out of the territory");
                Areas.remove(commune);
            } else {
                Areas.geometry(commune, new WKTWriter().write(union(parts)));
            }
        }
        for (Resource epci : Areas.all(m, VC.Metropolis)) {
            List<Geometry> parts = parts(m, epci, VC.Commune);
            if (parts.isEmpty()) {
                draft.unplaced(
                        "IRIS contours", Areas.code(epci), "EPCI with none of its communes in the territory: left out");
                Areas.remove(epci);
            } else {
                Areas.geometry(epci, new WKTWriter().write(union(parts)));
            }
        }
    }

    private static List<Geometry> parts(Model m, Resource whole, Resource partType) {
        List<Geometry> parts = new ArrayList<>();
        m.listSubjectsWithProperty(VC.partOf, whole).forEach(part -> {
            if (part.hasProperty(org.apache.jena.vocabulary.RDF.type, partType)) {
                wkt(part).ifPresent(parts::add);
            }
        });
        return parts;
    }

    private static Optional<Geometry> wkt(Resource area) {
        var geometry = area.getPropertyResourceValue(Areas.HAS_GEOMETRY);
        if (geometry == null || !geometry.hasProperty(Areas.AS_WKT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WKTReader(FACTORY)
                    .read(geometry.getProperty(Areas.AS_WKT).getString()));
        } catch (ParseException e) {
            throw new TerritoryException(area.getURI() + ": its WKT does not parse: " + e.getMessage(), e);
        }
    }

    private static Geometry union(List<Geometry> parts) {
        List<Geometry> fixed = parts.stream().map(GeometryFixer::fix).toList();
        return OverlayNGRobust.union(fixed);
    }
}

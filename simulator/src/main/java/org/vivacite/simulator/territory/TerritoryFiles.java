package org.vivacite.simulator.territory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Commune;
import org.vivacite.simulator.territory.Territory.District;
import org.vivacite.simulator.territory.Territory.Dwelling;

/**
 * Writes a generated territory as the files a real city gives {@code vivacite territory import}
 * (docs/territory.md), in the national formats: INSEE's COG communes, the DGCL composition of the
 * EPCI, IGN's IRIS contours as GeoJSON (WGS 84), the Base Adresse Nationale, the RNB export, and
 * the city's dwelling, public-building and building-use CSVs. The same territory always gives the
 * same bytes. The dwelling file is private (dwelling ids): it is written owner-only.
 */
public final class TerritoryFiles {

    /** The millésime the demo's IRIS contours carry (in the file's name, as IGN names its files). */
    public static final String MILLESIME = "2024";

    public static final String COMMUNES = "communes_2026.csv";
    public static final String EPCI = "epcicom_" + TerritoryGenerator.SIREN + ".csv";
    public static final String IRIS = "CONTOURS-IRIS_demo_" + MILLESIME + ".geojson";
    public static final String BAN = "adresses-38.csv";
    public static final String RNB = "RNB_38.csv";
    public static final String DWELLINGS = "dwellings.csv";
    public static final String PUBLIC_BUILDINGS = "public-buildings.csv";
    public static final String BUILDING_USES = "building-uses.csv";

    /** The files in the order they are written; the import reads them in its own order. */
    public static final List<String> NAMES =
            List.of(COMMUNES, EPCI, IRIS, BAN, RNB, BUILDING_USES, PUBLIC_BUILDINGS, DWELLINGS);

    /** The real COG 2026 rows of the demo's communes, by INSEE code. */
    private static final Map<String, String> COG = Map.of(
            "38151", "COM,38151,84,38,38D,381,1,ECHIROLLES,Échirolles,Échirolles,3805,",
            "38185", "COM,38185,84,38,38D,381,0,GRENOBLE,Grenoble,Grenoble,3898,",
            "38421", "COM,38421,84,38,38D,381,0,SAINT MARTIN D HERES,Saint-Martin-d'Hères,Saint-Martin-d'Hères,3822,");

    /** The real SIREN of the demo's communes. */
    private static final Map<String, String> SIREN = Map.of(
            "38151", "213801517",
            "38185", "213801855",
            "38421", "213804214");

    private TerritoryFiles() {}

    /**
     * Writes the files of {@link #NAMES} into {@code dir} (created if needed), replacing those there.
     *
     * @return their paths, in the order of {@link #NAMES}
     */
    public static List<Path> write(Territory t, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (String name : NAMES) {
            Path file = dir.resolve(name);
            String text = content(t, name);
            Files.deleteIfExists(file);
            if (name.equals(DWELLINGS)
                    && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /** The text of one of the files of {@link #NAMES}. */
    public static String content(Territory t, String name) {
        return switch (name) {
            case COMMUNES -> communes(t);
            case EPCI -> epci(t);
            case IRIS -> iris(t);
            case BAN -> ban(t);
            case RNB -> rnb(t);
            case BUILDING_USES -> uses(t);
            case PUBLIC_BUILDINGS -> publicBuildings(t);
            case DWELLINGS -> dwellings(t);
            default -> throw new IllegalArgumentException("not a territory file: " + name);
        };
    }

    private static String communes(Territory t) {
        StringBuilder s = new StringBuilder("TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\n");
        t.communes().stream()
                .map(Commune::insee)
                .sorted()
                .forEach(c -> s.append(COG.get(c)).append('\n'));
        return s.toString();
    }

    private static String epci(Territory t) {
        StringBuilder s =
                new StringBuilder("dept,siren,raison_sociale,nature_juridique,insee,siren_membre,nom_membre\n");
        for (Commune c : t.communes()) {
            s.append(String.join(
                            ",",
                            "38",
                            t.metropolis().siren(),
                            t.metropolis().name(),
                            "METRO",
                            c.insee(),
                            SIREN.get(c.insee()),
                            c.name()))
                    .append('\n');
        }
        return s.toString();
    }

    private static String iris(Territory t) {
        StringBuilder s = new StringBuilder("{\"type\": \"FeatureCollection\", \"name\": \"contours_iris_demo_")
                .append(MILLESIME)
                .append(
                        "\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}},")
                .append(" \"features\": [");
        for (int i = 0; i < t.districts().size(); i++) {
            District d = t.districts().get(i);
            Box b = d.box();
            s.append(i == 0 ? "\n" : ",\n")
                    .append("{\"type\": \"Feature\", \"properties\": {\"CODE_IRIS\": \"")
                    .append(d.iris())
                    .append("\", \"INSEE_COM\": \"")
                    .append(d.commune().insee())
                    .append("\", \"NOM_COM\": \"")
                    .append(json(d.commune().name()))
                    .append("\", \"NOM_IRIS\": \"")
                    .append(json(d.name()))
                    .append("\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[")
                    .append(String.format(
                            Locale.ROOT,
                            "[%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f]",
                            b.west(),
                            b.south(),
                            b.east(),
                            b.south(),
                            b.east(),
                            b.north(),
                            b.west(),
                            b.north(),
                            b.west(),
                            b.south()))
                    .append("]]}}");
        }
        return s.append("\n]}\n").toString();
    }

    private static String ban(Territory t) {
        StringBuilder s = new StringBuilder("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
                + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
                + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune\n");
        for (Building b : t.buildings()) {
            Commune c = b.street().district().commune();
            s.append(String.join(
                            ";",
                            b.addressKey(),
                            b.street().code(),
                            number(b),
                            "",
                            b.street().name(),
                            "",
                            c.insee(),
                            c.name(),
                            "",
                            "",
                            "",
                            "",
                            coordinate(centreLon(b)),
                            coordinate(centreLat(b)),
                            "entrée",
                            "",
                            "",
                            "",
                            "",
                            "commune",
                            "commune",
                            "0"))
                    .append('\n');
        }
        return s.toString();
    }

    private static String rnb(Territory t) {
        StringBuilder s = new StringBuilder("rnb_id;point;shape;status;ext_ids;addresses;plots\n");
        for (Building b : t.buildings()) {
            String point = "SRID=4326;POINT (" + coordinate(centreLon(b)) + " " + coordinate(centreLat(b)) + ")";
            String shape = "SRID=4326;" + b.footprint().wkt();
            String addresses = "[{\"cle_interop_ban\": \"" + b.addressKey() + "\", \"street_number\": \"" + number(b)
                    + "\", \"street_rep\": \"\", \"street\": \""
                    + json(b.street().name()) + "\"}]";
            s.append(String.join(
                            ";", b.rnb(), quoted(point), quoted(shape), "constructed", "[]", quoted(addresses), "[]"))
                    .append('\n');
        }
        return s.toString();
    }

    /** The use and floor area of the buildings that are not the community's (those are in the public buildings' file). */
    private static String uses(Territory t) {
        StringBuilder s = new StringBuilder("rnb_id,use,floor_area_m2\n");
        for (Building b : t.buildings()) {
            if (!b.publishIndividually()) {
                s.append(b.rnb())
                        .append(',')
                        .append(b.kind().sector.concept)
                        .append(',')
                        .append(area(b.floorArea()))
                        .append('\n');
            }
        }
        return s.toString();
    }

    private static String publicBuildings(Territory t) {
        StringBuilder s = new StringBuilder("rnb_id,name,use,floor_area_m2,publish_individually\n");
        for (Building b : t.buildings()) {
            if (b.publishIndividually()) {
                s.append(String.join(",", b.rnb(), b.label(), b.kind().sector.concept, area(b.floorArea()), "true"))
                        .append('\n');
            }
        }
        return s.toString();
    }

    private static String dwellings(Territory t) {
        StringBuilder s = new StringBuilder("dwelling_id,rnb_id,ban_id,floor_area_m2,heating_energy,heating_system,"
                + "construction_year,social_landlord,occupants\n");
        for (Dwelling d : t.dwellings()) {
            Building b = d.building();
            s.append(String.join(
                            ",",
                            d.id(),
                            b.rnb(),
                            "",
                            area(d.floorArea()),
                            d.heating().energy,
                            d.heating().notation,
                            Integer.toString(b.yearBuilt()),
                            b.kind() == BuildingKind.SOCIAL_HOUSING ? "Bailleur social de démonstration" : "",
                            Integer.toString(d.occupants())))
                    .append('\n');
        }
        return s.toString();
    }

    /** The street number of a building's address key ({@code …_00012} gives {@code 12}). */
    private static String number(Building b) {
        String key = b.addressKey();
        return Integer.toString(Integer.parseInt(key.substring(key.lastIndexOf('_') + 1)));
    }

    private static double centreLon(Building b) {
        return (b.footprint().west() + b.footprint().east()) / 2;
    }

    private static double centreLat(Building b) {
        return (b.footprint().south() + b.footprint().north()) / 2;
    }

    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }

    private static String area(double m2) {
        return String.format(Locale.ROOT, "%.1f", m2);
    }

    private static String quoted(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
